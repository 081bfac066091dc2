import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, ERR, nextMainEvent, recordMainEvents } from './support.js';

// notifications/create, notifications/test-notification, notifications/mark-all-as-read, notifications/flush.
describe('notifications/*', () => {
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

  const list = (user: TestUser) => server.api(user.token).request('i/notifications', { markAsRead: false });
  const unread = async (user: TestUser) => (await server.api(user.token).request('i', {})).unreadNotificationsCount;

  describe('notifications/create', () => {
    test('stores an app notification; header and icon default to the token\'s name and icon', async () => {
      const token = await appToken(server, alice, ['write:notifications']);
      const published = nextMainEvent(server, alice.id, 'notification');
      const res = await server.post('notifications/create', { i: token, body: 'Build passed' });
      assert.equal(res.status, 204);
      const body = (await published).body as Record<string, unknown>;
      assert.deepEqual({ type: body.type, body: body.body, header: body.header, icon: body.icon }, {
        type: 'app', body: 'Build passed', header: 'My App', icon: 'https://example.com/icon.png',
      });

      await server.api(alice.token).request('notifications/create', { body: 'native', header: null });
      const [latest] = await list(alice);
      assert.ok(latest.type === 'app');
      assert.deepEqual([latest.body, latest.header, latest.icon], ['native', null, null]);
    });

    test('a missing or non-string body is 400 INVALID_PARAM and stores nothing', async () => {
      const before = (await list(alice)).length;
      for (const body of [{}, { body: 1 }, { body: 'x', header: 1 }]) {
        const res = await server.post('notifications/create', { i: alice.token, ...body });
        assert.equal(res.status, 400);
        assert.equal(res.body.error.id, ERR.invalidParam);
      }
      assert.equal((await list(alice)).length, before);
    });

    test('requires a credential and write:notifications', async () => {
      const anonymous = await server.post('notifications/create', { body: 'x' });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.id, ERR.credentialRequired);
      const weak = await server.post('notifications/create', { i: await appToken(server, alice, ['read:notifications']), body: 'x' });
      assert.equal(weak.status, 403);
      assert.equal(weak.body.error.id, ERR.permissionDenied);
    });

    test('is limited to 10 per minute', async () => {
      const carol = await server.createUser('carol');
      for (let i = 0; i < 10; i++) assert.equal((await server.post('notifications/create', { i: carol.token, body: `n${i}` })).status, 204);
      const limited = await server.post('notifications/create', { i: carol.token, body: 'one too many' });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, 'RATE_LIMIT_EXCEEDED');
      assert.equal(limited.body.error.id, ERR.rateLimitExceeded);
      assert.equal((await list(carol)).length, 10);
    });
  });

  describe('notifications/test-notification', () => {
    test('notifies test, and unreadNotification follows at once', async () => {
      const events = recordMainEvents(server, bob.id);
      const unreadEvent = nextMainEvent(server, bob.id, 'unreadNotification');
      const res = await server.post('notifications/test-notification', { i: bob.token });
      assert.equal(res.status, 204);
      const body = (await unreadEvent).body as { type: string; id: string };
      events.stop();
      assert.deepEqual(events.events.map((e) => e.type), ['notification', 'unreadNotification']);
      assert.equal(body.type, 'test');
      assert.deepEqual((await list(bob)).map((n) => n.id), [body.id]);
    });

    test('requires write:notifications', async () => {
      const anonymous = await server.post('notifications/test-notification', {});
      assert.equal(anonymous.status, 401);
      const weak = await server.post('notifications/test-notification', { i: await appToken(server, bob, ['read:account']) });
      assert.equal(weak.status, 403);
      assert.equal(weak.body.error.id, ERR.permissionDenied);
    });
  });

  describe('notifications/mark-all-as-read', () => {
    test('marks everything read and always announces readAllNotifications', async () => {
      assert.ok((await unread(alice)) > 0);
      const first = nextMainEvent(server, alice.id, 'readAllNotifications');
      assert.equal((await server.post('notifications/mark-all-as-read', { i: alice.token })).status, 204);
      await first;
      assert.equal(await unread(alice), 0);
      const me = await server.api(alice.token).request('i', {});
      assert.equal(me.hasUnreadNotification, false);
      // Forced: announced again even with nothing new.
      const second = nextMainEvent(server, alice.id, 'readAllNotifications');
      await server.api(alice.token).request('notifications/mark-all-as-read', {});
      await second;
      // Still listed after reading.
      assert.ok((await list(alice)).length > 0);
    });

    test('requires write:notifications', async () => {
      const anonymous = await server.post('notifications/mark-all-as-read', {});
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.id, ERR.credentialRequired);
      const weak = await server.post('notifications/mark-all-as-read', { i: await appToken(server, alice, ['read:notifications']) });
      assert.equal(weak.status, 403);
      assert.equal(weak.body.error.id, ERR.permissionDenied);
    });
  });

  describe('notifications/flush', () => {
    test('deletes every notification of the caller only, and announces notificationFlushed', async () => {
      const bobBefore = (await list(bob)).length;
      assert.ok(bobBefore > 0);
      const flushed = nextMainEvent(server, alice.id, 'notificationFlushed');
      assert.equal((await server.post('notifications/flush', { i: alice.token })).status, 204);
      await flushed;
      assert.deepEqual(await list(alice), []);
      assert.equal(await unread(alice), 0);
      assert.equal((await list(bob)).length, bobBefore);
    });

    test('requires write:notifications', async () => {
      const bobBefore = (await list(bob)).length;
      const anonymous = await server.post('notifications/flush', {});
      assert.equal(anonymous.status, 401);
      const weak = await server.post('notifications/flush', { i: await appToken(server, bob, ['read:notifications']) });
      assert.equal(weak.status, 403);
      assert.equal(weak.body.error.id, ERR.permissionDenied);
      assert.ok((await list(bob)).length >= bobBefore);
    });
  });
});
