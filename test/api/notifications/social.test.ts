import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { nextMainEvent } from './support.js';

// The social notifications end to end: following/create, follow requests, mutes, blocks,
// following/update notify and i/update's notificationRecieveConfig, all through misskey-js.
describe('social notifications through the API', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
  });
  after(() => server.close());

  const api = (user: TestUser) => server.api(user.token);
  const list = (user: TestUser) => api(user).request('i/notifications', { markAsRead: false });
  const heard = (user: TestUser, type: string) => nextMainEvent(server, user.id, 'notification', 5000, (body) => body.type === type);

  test('following/create notifies the followee with follow', async () => {
    const followed = heard(alice, 'follow');
    await api(bob).request('following/create', { userId: alice.id });
    await followed;
    const [n] = await list(alice);
    assert.ok(n.type === 'follow');
    assert.deepEqual([n.userId, n.user.username], [bob.id, 'bob']);
  });

  test('a locked account receives receiveFollowRequest; accepting notifies followRequestAccepted', async () => {
    await api(carol).request('i/update', { isLocked: true, followedMessage: 'Thanks for following' });
    const requested = heard(carol, 'receiveFollowRequest');
    await api(alice).request('following/create', { userId: carol.id });
    await requested;
    assert.deepEqual((await list(carol)).map((n) => n.type), ['receiveFollowRequest']);

    const accepted = heard(alice, 'followRequestAccepted');
    const followed = heard(carol, 'follow');
    await api(carol).request('following/requests/accept', { userId: alice.id });
    const body = (await accepted).body as { message: string | null; userId: string };
    assert.deepEqual([body.message, body.userId], ['Thanks for following', carol.id]);
    await followed;
    // The answered request no longer shows; the follow does.
    assert.deepEqual((await list(carol)).map((n) => n.type), ['follow']);
  });

  test('a rejected follow request disappears from the list', async () => {
    const requested = heard(carol, 'receiveFollowRequest');
    await api(bob).request('following/create', { userId: carol.id });
    await requested;
    assert.equal((await list(carol))[0].type, 'receiveFollowRequest');
    await api(carol).request('following/requests/reject', { userId: bob.id });
    assert.deepEqual((await list(carol)).map((n) => n.type), ['follow']);
    // Left out of the page itself: a page of one is the next notification, not an empty page.
    const [first] = await api(carol).request('i/notifications', { markAsRead: false, limit: 1 });
    assert.equal(first?.type, 'follow');
    const grouped = await api(carol).request('i/notifications-grouped', { markAsRead: false, limit: 1 });
    assert.deepEqual(grouped.map((n) => n.type), ['follow']);
  });

  test('mute/create hides the muted user\'s notifications; mute/delete shows them again', async () => {
    await api(alice).request('mute/create', { userId: bob.id });
    assert.deepEqual((await list(alice)).map((n) => n.type), ['followRequestAccepted']);
    await api(alice).request('mute/delete', { userId: bob.id });
    assert.deepEqual((await list(alice)).map((n) => n.type), ['followRequestAccepted', 'follow']);
  });

  test('following/update notify: normal subscribes to note notifications', async () => {
    await api(alice).request('following/create', { userId: bob.id });
    await api(alice).request('following/update', { userId: bob.id, notify: 'normal' });
    const noted = heard(alice, 'note');
    const res = await server.post('notes/create', { i: bob.token, text: 'subscribers hear this' });
    assert.equal(res.status, 200);
    const body = (await noted).body as { note: { id: string } };
    assert.equal(body.note.id, res.body.createdNote.id);
  });

  test('i/update notificationRecieveConfig is what create obeys', async () => {
    await api(bob).request('i/update', { notificationRecieveConfig: { app: { type: 'never' }, follow: { type: 'following' } } });
    const me = await api(bob).request('i', {});
    assert.deepEqual(me.notificationRecieveConfig, { app: { type: 'never' }, follow: { type: 'following' } });
    await api(bob).request('notifications/create', { body: 'never shown' });
    assert.ok((await list(bob)).every((n) => n.type !== 'app'));
    const svc = server.instance.svc;
    // bob follows alice (first test) but not carol: only alice's follow gets through.
    assert.equal(await svc.notifications.create(bob.id, 'follow', {}, carol.id), null);
    assert.notEqual(await svc.notifications.create(bob.id, 'follow', {}, alice.id), null);
  });

  test('blocking/create: neither side is notified by the other any more', async () => {
    await api(carol).request('blocking/create', { userId: bob.id });
    const svc = server.instance.svc;
    assert.equal(await svc.notifications.create(carol.id, 'follow', {}, bob.id), null);
    assert.equal(await svc.notifications.create(bob.id, 'follow', {}, carol.id), null);
  });
});
