import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, ERR, follow, nextMainEvent } from '../notifications/support.js';

describe('i/notifications', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  const list = (user: TestUser, params: Record<string, unknown> = {}) => server.api(user.token).request('i/notifications', params);

  test('lists the newest first, with the exact shape of each type', async () => {
    await server.api(alice.token).request('notifications/test-notification', {});
    await server.api(alice.token).request('notifications/create', { body: 'Hello', header: 'Head', icon: 'https://example.com/i.png' });
    await follow(server, bob, alice);

    const res = await list(alice, { markAsRead: false });
    assert.deepEqual(res.map((n) => n.type), ['follow', 'app', 'test']);
    const [followed, app, testNotification] = res;
    assert.ok(followed.type === 'follow');
    assert.deepEqual(Object.keys(followed).sort(), ['createdAt', 'id', 'type', 'user', 'userId']);
    assert.equal(followed.userId, bob.id);
    assert.equal(followed.user.username, 'bob');
    assert.ok(app.type === 'app');
    assert.deepEqual({ body: app.body, header: app.header, icon: app.icon }, { body: 'Hello', header: 'Head', icon: 'https://example.com/i.png' });
    assert.deepEqual(Object.keys(testNotification).sort(), ['createdAt', 'id', 'type']);
    assert.ok(!Number.isNaN(Date.parse(testNotification.createdAt)));
  });

  test('a token issued through MiAuth or Settings > API notifies createToken', async () => {
    const published = nextMainEvent(server, bob.id, 'notification');
    await appToken(server, bob, ['read:account']);
    const event = await published;
    assert.equal((event.body as { type: string }).type, 'createToken');
    const res = await list(bob, { includeTypes: ['createToken'], markAsRead: false });
    assert.equal(res.length, 1);
    assert.deepEqual(Object.keys(res[0]).sort(), ['createdAt', 'id', 'type']);
  });

  test('includeTypes and excludeTypes filter; an empty includeTypes lists nothing', async () => {
    assert.deepEqual((await list(alice, { includeTypes: ['app'], markAsRead: false })).map((n) => n.type), ['app']);
    assert.deepEqual((await list(alice, { excludeTypes: ['app', 'follow'], markAsRead: false })).map((n) => n.type), ['test']);
    assert.deepEqual(await list(alice, { includeTypes: [], markAsRead: false }), []);
    // Obsolete types are accepted and match nothing.
    assert.deepEqual(await list(alice, { includeTypes: ['pollVote'], markAsRead: false }), []);
  });

  test('pages with limit, untilId and sinceId', async () => {
    const all = await list(alice, { markAsRead: false });
    const first = await list(alice, { limit: 2, markAsRead: false });
    assert.deepEqual(first.map((n) => n.id), all.slice(0, 2).map((n) => n.id));
    const next = await list(alice, { limit: 2, untilId: first[1].id, markAsRead: false });
    assert.deepEqual(next.map((n) => n.id), all.slice(2, 4).map((n) => n.id));
    const newer = await list(alice, { sinceId: all[2].id, markAsRead: false });
    assert.deepEqual(newer.map((n) => n.id), all.slice(0, 2).map((n) => n.id));
    const byDate = await list(alice, { untilDate: Date.parse(all[0].createdAt) + 1, markAsRead: false });
    assert.equal(byDate[0].id, all[0].id);
  });

  test('the unread state in i follows markAsRead', async () => {
    const before = await server.api(alice.token).request('i', {});
    assert.equal(before.hasUnreadNotification, true);
    assert.equal(before.unreadNotificationsCount, 3);
    await list(alice, { markAsRead: false });
    assert.equal((await server.api(alice.token).request('i', {})).unreadNotificationsCount, 3);

    const read = nextMainEvent(server, alice.id, 'readAllNotifications');
    await list(alice, { limit: 1 });
    await read;
    const after = await server.api(alice.token).request('i', {});
    assert.equal(after.hasUnreadNotification, false);
    assert.equal(after.unreadNotificationsCount, 0);

    await server.api(alice.token).request('notifications/test-notification', {});
    const again = await server.api(alice.token).request('i', {});
    assert.deepEqual([again.hasUnreadNotification, again.unreadNotificationsCount], [true, 1]);
  });

  test('bad params are 400 INVALID_PARAM and mark nothing read', async () => {
    for (const body of [{ limit: 0 }, { limit: 101 }, { includeTypes: ['bogus'] }, { untilId: '' }, { markAsRead: 'yes' }]) {
      const res = await server.post('i/notifications', { i: alice.token, ...body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'INVALID_PARAM');
      assert.equal(res.body.error.id, ERR.invalidParam);
    }
    assert.equal((await server.api(alice.token).request('i', {})).unreadNotificationsCount, 1);
  });

  test('requires a credential and read:notifications', async () => {
    const anonymous = await server.post('i/notifications', {});
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.id, ERR.credentialRequired);

    const weak = await server.post('i/notifications', { i: await appToken(server, alice, ['read:account']) });
    assert.equal(weak.status, 403);
    assert.equal(weak.body.error.code, 'PERMISSION_DENIED');
    assert.equal(weak.body.error.id, ERR.permissionDenied);

    const ok = await server.post('i/notifications', { i: await appToken(server, alice, ['read:notifications']), markAsRead: false });
    assert.equal(ok.status, 200);
    assert.ok(Array.isArray(ok.body));
  });

  test('i/notifications-grouped takes the same params and checks', async () => {
    const grouped = await server.api(alice.token).request('i/notifications-grouped', { markAsRead: false });
    assert.deepEqual(grouped.map((n) => n.id), (await list(alice, { markAsRead: false })).map((n) => n.id));
    assert.deepEqual(await server.api(alice.token).request('i/notifications-grouped', { includeTypes: [] }), []);
    const bad = await server.post('i/notifications-grouped', { i: alice.token, excludeTypes: ['nope'] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.id, ERR.invalidParam);
    const anonymous = await server.post('i/notifications-grouped', {});
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.id, ERR.credentialRequired);
    const weak = await server.post('i/notifications-grouped', { i: await appToken(server, alice, ['write:notifications']) });
    assert.equal(weak.status, 403);
    assert.equal(weak.body.error.id, ERR.permissionDenied);
  });

  test('a notification left unread is announced again as unreadNotification', async () => {
    const unread = nextMainEvent(server, bob.id, 'unreadNotification', 5000, (body) => body.type === 'follow');
    const carol = await server.createUser('carol');
    await follow(server, carol, bob);
    const body = (await unread).body as { type: string; userId: string };
    assert.deepEqual([body.type, body.userId], ['follow', carol.id]);
  });

  test('listing is limited to 30 calls per 30 s', async () => {
    const dave = await server.createUser('dave');
    for (let i = 0; i < 30; i++) assert.equal((await server.post('i/notifications', { i: dave.token })).status, 200);
    const limited = await server.post('i/notifications', { i: dave.token });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.id, ERR.rateLimitExceeded);
  });

  test('a user sees only their own notifications', async () => {
    const res = await list(bob, { markAsRead: false });
    assert.deepEqual([...new Set(res.map((n) => n.type))].sort(), ['createToken', 'follow']);
  });
});
