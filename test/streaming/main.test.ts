import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type * as Misskey from 'misskey-js';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { nextEvent, openStream, RawClient, settle, streamingUrl } from './helpers.js';

describe('streaming: main channel', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let stream: Misskey.Stream;
  let main: Misskey.ChannelConnection<Misskey.Channels['main']>;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    stream = await openStream(server, alice.token);
    main = stream.useChannel('main');
    await settle(stream);
  });
  after(async () => {
    stream.close();
    await server.close();
  });

  function event<T = any>(type: string, match: (body: T) => boolean = () => true): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return nextEvent<T>(main as any, type, match); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  test('notification and unreadNotification arrive for a new notification', async () => {
    const notification = event<Misskey.entities.Notification>('notification', (n) => n.type === 'test');
    const unread = event<Misskey.entities.Notification>('unreadNotification', (n) => n.type === 'test');
    await server.api(alice.token).request('notifications/test-notification', {});
    const n = await notification;
    assert.equal((await unread).id, n.id);
  });

  test('the readNotification message marks all read and announces readAllNotifications', async () => {
    const read = event('readAllNotifications');
    stream.send('readNotification');
    await read;
    const me = await server.api(alice.token).request('i', {});
    assert.equal(me.hasUnreadNotification, false);
  });

  test('notifications/flush announces notificationFlushed', async () => {
    const flushed = event('notificationFlushed');
    await server.api(alice.token).request('notifications/flush', {});
    await flushed;
  });

  test('follow, followed and unfollow', async () => {
    const bobStream = await openStream(server, bob.token);
    const bobMain = bobStream.useChannel('main');
    await settle(bobStream);
    const follow = nextEvent<Misskey.entities.UserDetailedNotMe>(bobMain as any, 'follow'); // eslint-disable-line @typescript-eslint/no-explicit-any
    const followed = event<Misskey.entities.UserLite>('followed');
    await server.api(bob.token).request('following/create', { userId: alice.id });
    const followee = await follow;
    assert.equal(followee.id, alice.id);
    assert.equal(followee.isFollowing, true);
    assert.equal((await followed).id, bob.id);

    const unfollow = nextEvent<Misskey.entities.UserDetailed>(bobMain as any, 'unfollow'); // eslint-disable-line @typescript-eslint/no-explicit-any
    await server.api(bob.token).request('following/delete', { userId: alice.id });
    assert.equal((await unfollow).id, alice.id);
    bobStream.close();
  });

  test('receiveFollowRequest when the account is locked', async () => {
    await server.api(alice.token).request('i/update', { isLocked: true });
    const request = event<Misskey.entities.UserLite>('receiveFollowRequest');
    await server.api(carol.token).request('following/create', { userId: alice.id });
    assert.equal((await request).id, carol.id);
    await server.api(alice.token).request('i/update', { isLocked: false });
  });

  test('meUpdated after i/update', async () => {
    const updated = event<Misskey.entities.MeDetailed>('meUpdated', (me) => me.name === 'Alice A.');
    await server.api(alice.token).request('i/update', { name: 'Alice A.' });
    assert.equal((await updated).id, alice.id);
  });

  test('mention and reply', async () => {
    const mention = event<Misskey.entities.Note>('mention', (n) => n.text === `@${alice.username} hi`);
    await server.api(bob.token).request('notes/create', { text: `@${alice.username} hi` });
    assert.equal((await mention).userId, bob.id);

    const { createdNote } = await server.api(alice.token).request('notes/create', { text: 'root' });
    const reply = event<Misskey.entities.Note>('reply', (n) => n.replyId === createdNote.id);
    await server.api(bob.token).request('notes/create', { text: 'a reply', replyId: createdNote.id });
    assert.equal((await reply).userId, bob.id);
  });

  test('renote when someone renotes the user\'s note', async () => {
    const { createdNote } = await server.api(alice.token).request('notes/create', { text: 'worth sharing' });
    const renote = event<Misskey.entities.Note>('renote', (n) => n.renoteId === createdNote.id);
    await server.api(bob.token).request('notes/create', { renoteId: createdNote.id });
    const body = await renote;
    assert.equal(body.userId, bob.id);
    assert.equal(body.renote?.text, 'worth sharing');
  });

  test('registryUpdated after i/registry/set', async () => {
    const updated = event('registryUpdated', (b) => b.key === 'theme');
    await server.api(alice.token).request('i/registry/set', { scope: ['client'], key: 'theme', value: 'dark' });
    assert.deepEqual(await updated, { scope: ['client'], key: 'theme', value: 'dark' });
  });

  test('myTokenRegenerated after i/regenerate-token', async () => {
    // A separate user: regenerating alice's token would end the suite's own stream.
    const dave = await server.createUser('dave', 'dave-pw');
    const client = await RawClient.open(streamingUrl(server, dave.token));
    const id = await client.connect('main');
    await server.post('i/regenerate-token', { i: dave.token, password: 'dave-pw' });
    await client.channelEvent(id, 'myTokenRegenerated');
    await client.close();
  });

  test('signin after a successful sign-in', async () => {
    const signin = event<Misskey.entities.Signin>('signin');
    const res = await server.post('signin-flow', { username: alice.username, password: alice.password });
    assert.equal(res.status, 200);
    assert.equal((await signin).success, true);
  });

  test('driveFileCreated after an upload', async () => {
    const created = event<Misskey.entities.DriveFile>('driveFileCreated', (f) => f.name === 'hello.txt');
    const form = new FormData();
    form.append('i', alice.token);
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    assert.equal((await created).userId, alice.id);
  });

  test('notifications and mentions from muted users are dropped; other users never see this user\'s events', async () => {
    await server.api(alice.token).request('mute/create', { userId: carol.id });
    const raw = await RawClient.open(streamingUrl(server, alice.token));
    const id = await raw.connect('main');
    const bobRaw = await RawClient.open(streamingUrl(server, bob.token));
    const bobId = await bobRaw.connect('main');

    const bus = server.instance.svc.bus;
    const carolUser = { id: carol.id, host: null };
    await bus.publish(`main:${alice.id}`, { type: 'notification', body: { id: 'n1', type: 'follow', userId: carol.id, user: carolUser } });
    await bus.publish(`main:${alice.id}`, { type: 'mention', body: { id: 'm1', userId: carol.id, user: carolUser } });
    await bus.publish(`main:${alice.id}`, { type: 'notification', body: { id: 'n2', type: 'follow', userId: bob.id, user: { id: bob.id, host: null } } });
    const passed = await raw.channelEvent(id, 'notification');
    assert.equal(passed.id, 'n2');
    assert.deepEqual(raw.received.filter((m) => m.type === 'channel').map((m) => m.body.body.id), ['n2']);

    await bus.publish(`main:${bob.id}`, { type: 'notification', body: { id: 'forBob', type: 'test' } });
    await bobRaw.channelEvent(bobId, 'notification');
    assert.deepEqual(raw.received.filter((m) => m.body?.body?.id === 'forBob'), []);
    assert.deepEqual(bobRaw.received.filter((m) => m.body?.body?.id === 'n2'), []);
    await Promise.all([raw.close(), bobRaw.close()]);
  });
});
