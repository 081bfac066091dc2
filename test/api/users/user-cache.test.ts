import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { setUser } from '../../support/users.js';
import { png, uploadOk } from '../drive/helpers.js';
import { RawClient, streamingUrl } from '../../streaming/helpers.js';

/**
 * The user cache (UserCache) serves authentication and user-lite packing from memory. Each test
 * first reads through the cache, so the rows are cached, then changes them and expects the very
 * next request to see the change: a stale entry would answer the old value.
 */
describe('user cache: a change is seen by the next request', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  const i = async (token: string) => {
    const res = await server.post('i', { i: token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const noteUser = async (noteId: string) => (await server.api(bob.token).request('notes/show', { noteId })).user;
  const shown = (userId: string) => server.api(bob.token).request('users/show', { userId });

  test('i/update of the name and the avatar: seen at once by i, users/show and a packed note (also through an app token)', async () => {
    const noteId = (await server.api(alice.token).request('notes/create', { text: 'hello' })).createdNote.id;
    const app = (await server.api(alice.token).request('miauth/gen-token', { session: null, name: 'app', permission: ['read:account'] })).token;
    assert.equal((await i(alice.token)).name, null);
    assert.equal((await i(app)).name, null);
    assert.equal((await noteUser(noteId)).name, null);
    assert.equal((await shown(alice.id)).name, null);

    const file = await uploadOk(server, alice.token, await png(), 'avatar.png');
    await server.api(alice.token).request('i/update', { name: 'Alice Swallow', avatarId: file.id });
    const me = await i(alice.token);
    assert.equal(me.name, 'Alice Swallow');
    assert.equal(me.avatarId, file.id);
    assert.equal(me.avatarUrl, file.url);
    assert.equal((await i(app)).name, 'Alice Swallow');
    const inNote = await noteUser(noteId);
    assert.equal(inNote.name, 'Alice Swallow');
    assert.equal(inNote.avatarUrl, file.url);
    const detailed = await shown(alice.id);
    assert.equal(detailed.name, 'Alice Swallow');
    assert.equal(detailed.avatarUrl, file.url);

    await server.api(alice.token).request('i/update', { avatarId: null });
    assert.match((await noteUser(noteId)).avatarUrl!, /\/identicon\//);
    assert.match((await i(alice.token)).avatarUrl, /\/identicon\//);
  });

  test('counters: a note posted or deleted and a follow are seen at once by i', async () => {
    const before = await i(alice.token);
    const bobBefore = await i(bob.token);
    const { createdNote } = await server.api(alice.token).request('notes/create', { text: 'one more' });
    assert.equal((await i(alice.token)).notesCount, before.notesCount + 1);
    await server.api(alice.token).request('notes/delete', { noteId: createdNote.id });
    assert.equal((await i(alice.token)).notesCount, before.notesCount);

    await server.api(bob.token).request('following/create', { userId: alice.id });
    assert.equal((await i(alice.token)).followersCount, before.followersCount + 1);
    assert.equal((await i(bob.token)).followingCount, bobBefore.followingCount + 1);
    await server.api(alice.token).request('blocking/create', { userId: bob.id });
    assert.equal((await i(alice.token)).followersCount, before.followersCount);
    assert.equal((await i(bob.token)).followingCount, bobBefore.followingCount);
    await server.api(alice.token).request('blocking/delete', { userId: bob.id });
  });

  test('a suspension refuses the cached token at once, and lifting it lets it in again', async () => {
    const carol = await server.createUser('carol');
    await i(carol.token);
    // No endpoint suspends yet: the test writes the row and announces it, as every writer does.
    await setUser(server, carol.id, { isSuspended: true });
    const refused = await server.post('i', { i: carol.token });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'YOUR_ACCOUNT_SUSPENDED');
    await setUser(server, carol.id, { isSuspended: false });
    await i(carol.token);
  });

  test('a regenerated token: the cached old one is refused at once', async () => {
    const dave = await server.createUser('dave', 'pw');
    await i(dave.token);
    await server.api(dave.token).request('i/regenerate-token', { password: 'pw' });
    const refused = await server.post('i', { i: dave.token });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'AUTHENTICATION_FAILED');
    const session = (await server.post('signin-flow', { username: 'dave', password: 'pw' })).body.i as string;
    assert.equal((await i(session)).id, dave.id);
  });

  test('a deleted account: the cached token is refused at once', async () => {
    const erin = await server.createUser('erin', 'pw');
    await i(erin.token);
    await server.api(erin.token).request('i/delete-account', { password: 'pw' });
    assert.equal((await server.post('i', { i: erin.token })).status, 401);
  });

  test('activity recorded by the streaming server shows in a packed note (onlineStatus)', async () => {
    const frank = await server.createUser('frank');
    const noteId = (await server.api(frank.token).request('notes/create', { text: 'quiet' })).createdNote.id;
    assert.equal((await noteUser(noteId)).onlineStatus, 'unknown');
    const recorded = new Promise<void>((resolve) => {
      const off = server.instance.svc.events.on('user.changed', ({ userIds }) => {
        if (!userIds.includes(frank.id)) return;
        off();
        resolve();
      });
    });
    const socket = await RawClient.open(streamingUrl(server, frank.token));
    try {
      await socket.connect('main');
      await recorded;
      assert.equal((await noteUser(noteId)).onlineStatus, 'online');
    } finally {
      await socket.close();
    }
  });
});
