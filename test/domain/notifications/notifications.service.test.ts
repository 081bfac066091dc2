import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { follow, nextMainEvent, setSettings } from '../../api/notifications/support.js';

// Who is notified of what: the suppression rules of NotificationsService.create, and the
// list-time filters of i/notifications, on a real database.
describe('notification rules', () => {
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
  beforeEach(async () => {
    const db = server.instance.svc.database.db;
    await db.deleteFrom('notification').execute();
    await db.deleteFrom('following').execute();
    await db.deleteFrom('muting').execute();
    await db.deleteFrom('blocking').execute();
    await db.deleteFrom('follow_request').execute();
    for (const u of [alice, bob, carol]) await setSettings(server, u, {});
  });

  const svc = () => server.instance.svc;
  const notify = (to: TestUser, from: TestUser | null, type = 'follow') => svc().notifications.create(to.id, type, {}, from?.id ?? null);
  const types = async (user: TestUser) =>
    (await server.api(user.token).request('i/notifications', { markAsRead: false })).map((n) => `${n.type}${'userId' in n ? `:${n.userId}` : ''}`);
  // A relation row, announced as the social services do (the viewer relations are cached).
  const row = async (table: 'muting' | 'blocking', a: TestUser, b: TestUser, expiresAt: number | null = null) => {
    const base = { id: svc().ids.gen(), createdAt: Date.now() };
    if (table === 'muting') {
      await svc().database.db.insertInto('muting').values({ ...base, muterId: a.id, muteeId: b.id, expiresAt }).execute();
      svc().events.emit('mute.changed', { muterId: a.id, muteeId: b.id });
    } else {
      await svc().database.db.insertInto('blocking').values({ ...base, blockerId: a.id, blockeeId: b.id }).execute();
      svc().events.emit('block.created', { blockerId: a.id, blockeeId: b.id });
    }
  };

  test('never for one\'s own actions', async () => {
    assert.equal(await notify(alice, alice), null);
    assert.deepEqual(await types(alice), []);
  });

  test('never from a user the recipient mutes; again once the mute expired', async () => {
    await row('muting', alice, bob);
    assert.equal(await notify(alice, bob), null);
    await row('muting', alice, carol, Date.now() - 1000);
    assert.notEqual(await notify(alice, carol), null);
    // The mute is one-way: bob still hears from alice.
    assert.notEqual(await notify(bob, alice), null);
    assert.deepEqual(await types(alice), [`follow:${carol.id}`]);
  });

  test('never between users where either blocks the other', async () => {
    await row('blocking', alice, bob);
    assert.equal(await notify(alice, bob), null);
    assert.equal(await notify(bob, alice), null);
    assert.deepEqual([...(await types(alice)), ...(await types(bob))], []);
  });

  test('notificationRecieveConfig never drops the type, also for notifier-less types', async () => {
    await setSettings(server, alice, { notificationRecieveConfig: { follow: { type: 'never' }, test: { type: 'never' } } });
    assert.equal(await notify(alice, bob), null);
    assert.equal(await notify(alice, null, 'test'), null);
    assert.notEqual(await notify(alice, null, 'login'), null);
    assert.deepEqual(await types(alice), ['login']);
  });

  test('following / follower / mutualFollow / followingOrFollower', async () => {
    await follow(server, alice, bob); // alice follows bob (bob is notified)
    await follow(server, carol, alice); // carol follows alice
    const expect = async (type: string, fromBob: boolean, fromCarol: boolean) => {
      await setSettings(server, alice, { notificationRecieveConfig: { receiveFollowRequest: { type } } });
      assert.equal((await notify(alice, bob, 'receiveFollowRequest')) !== null, fromBob, `${type} from bob`);
      assert.equal((await notify(alice, carol, 'receiveFollowRequest')) !== null, fromCarol, `${type} from carol`);
    };
    await expect('all', true, true);
    await expect('following', true, false);
    await expect('follower', false, true);
    await expect('mutualFollow', false, false);
    await expect('followingOrFollower', true, true);
    await follow(server, bob, alice);
    await expect('mutualFollow', true, false);
  });

  test('list: only members of the chosen list', async () => {
    const db = svc().database.db;
    const listId = svc().ids.gen();
    await db.insertInto('user_list').values({ id: listId, createdAt: Date.now(), userId: alice.id, name: 'l', isPublic: false }).execute();
    await db
      .insertInto('user_list_membership')
      .values({ id: svc().ids.gen(), createdAt: Date.now(), userId: bob.id, userListId: listId, userListUserId: alice.id, withReplies: false })
      .execute();
    await setSettings(server, alice, { notificationRecieveConfig: { follow: { type: 'list', userListId: listId } } });
    assert.notEqual(await notify(alice, bob), null);
    assert.equal(await notify(alice, carol), null);
  });

  test('notifications of users muted or suspended later are hidden from the list, and return', async () => {
    await notify(alice, bob);
    await notify(alice, carol);
    await row('muting', alice, bob);
    assert.deepEqual(await types(alice), [`follow:${carol.id}`]);
    await svc().database.db.updateTable('user').set({ isSuspended: true }).where('id', '=', carol.id).execute();
    svc().events.emit('user.changed', { userIds: [carol.id] });
    assert.deepEqual(await types(alice), []);
    await svc().database.db.updateTable('user').set({ isSuspended: false }).where('id', '=', carol.id).execute();
    svc().events.emit('user.changed', { userIds: [carol.id] });
    await svc().database.db.deleteFrom('muting').execute();
    svc().events.emit('mute.changed', { muterId: alice.id, muteeId: bob.id });
    assert.deepEqual(await types(alice), [`follow:${carol.id}`, `follow:${bob.id}`]);
  });

  test('receiveFollowRequest is listed only while the request is pending', async () => {
    const db = svc().database.db;
    await db.insertInto('follow_request').values({ id: svc().ids.gen(), createdAt: Date.now(), followerId: bob.id, followeeId: alice.id, withReplies: false }).execute();
    const published = nextMainEvent(server, alice.id, 'notification');
    svc().events.emit('followRequest.created', { followerId: bob.id, followeeId: alice.id });
    assert.equal(((await published).body as { type: string }).type, 'receiveFollowRequest');
    assert.deepEqual(await types(alice), [`receiveFollowRequest:${bob.id}`]);
    await db.deleteFrom('follow_request').execute();
    assert.deepEqual(await types(alice), []);
  });

  test('followRequestAccepted carries the followee\'s followedMessage', async () => {
    await setSettings(server, alice, { followedMessage: 'Welcome!' });
    const published = nextMainEvent(server, bob.id, 'notification');
    svc().events.emit('followRequest.accepted', { followerId: bob.id, followeeId: alice.id });
    const body = (await published).body as { type: string; message: string | null; userId: string };
    assert.deepEqual([body.type, body.message, body.userId], ['followRequestAccepted', 'Welcome!', alice.id]);
    const [listed] = await server.api(bob.token).request('i/notifications', { markAsRead: false });
    assert.ok(listed.type === 'followRequestAccepted');
    assert.equal(listed.message, 'Welcome!');
    assert.equal(listed.user.username, 'alice');
  });

  test('a sign-in (signin-flow) notifies login', async () => {
    const published = nextMainEvent(server, carol.id, 'notification');
    const res = await fetch(`${server.url}/api/signin-flow`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: carol.password }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await published).body as { type: string }).type, 'login');
    assert.deepEqual(await types(carol), ['login']);
  });

  test('remote users are not notified here; muted instances are hidden', async () => {
    const db = svc().database.db;
    const id = svc().ids.gen();
    await db
      .insertInto('user')
      .values({
        id, username: 'remote', usernameLower: 'remote', host: 'remote.example', name: null, tokenHash: null, createdAt: Date.now(),
        updatedAt: null, lastActiveDate: null, isRoot: false, isAdmin: false, isModerator: false, isSuspended: false, isLocked: false,
        isBot: false, isCat: false, isExplorable: true, isDeleted: false, hideOnlineStatus: false, avatarId: null, bannerId: null,
      })
      .execute();
    assert.equal(await svc().notifications.create(id, 'follow', {}, alice.id), null);
    // A remote user's notifications to alice vanish while alice mutes the remote instance.
    assert.notEqual(await svc().notifications.create(alice.id, 'follow', {}, id), null);
    assert.deepEqual(await types(alice), [`follow:${id}`]);
    await setSettings(server, alice, { mutedInstances: ['remote.example'] });
    assert.deepEqual(await types(alice), []);
  });
});
