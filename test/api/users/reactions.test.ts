import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { noteFixtures } from '../../support/notes.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, ok } from '../../support/social.js';
import { insertRemoteUser, setUser } from '../../support/users.js';

const NOT_PUBLIC = ['REACTIONS_NOT_PUBLIC', '673a7dd2-6924-1093-e0c0-e68456ceae5c'] as const;

describe('users/reactions', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let dave: TestUser;
  let moderator: TestUser;
  const notes: Record<string, { id: string }> = {};

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    dave = await server.createUser('dave');
    moderator = await server.createUser('moderator');
    await setUser(server, moderator.id, { isModerator: true });
    const f = noteFixtures(server);
    notes.first = await f.post(bob, { text: 'first' });
    notes.followers = await f.post(bob, { text: 'for followers', visibility: 'followers' });
    notes.daves = await f.post(dave, { text: 'by dave' });
    notes.last = await f.post(bob, { text: 'last' });
    await ok(server, 'following/create', alice.token, { userId: bob.id });
    for (const key of ['first', 'followers', 'daves', 'last']) {
      await ok(server, 'notes/reactions/create', alice.token, { noteId: notes[key]!.id, reaction: key === 'last' ? '🎉' : '👍' });
    }
  });
  after(() => server.close());

  test('the reactions a user made, newest first, with the user and the packed note', async () => {
    const found = await server.api(alice.token).request('users/reactions', { userId: alice.id });
    assert.deepEqual(found.map((r) => r.note.id), [notes.last!.id, notes.daves!.id, notes.followers!.id, notes.first!.id]);
    assert.equal(found[0]!.type, '🎉');
    assert.equal(found[0]!.user.id, alice.id);
    assert.equal(found[0]!.note.myReaction, '🎉');
    assert.ok(!Number.isNaN(Date.parse(found[0]!.createdAt)));
  });

  test('notes the caller may not see, or whose authors block them, are left out', async () => {
    // carol does not follow bob; dave blocks carol.
    await ok(server, 'blocking/create', dave.token, { userId: carol.id });
    const found = await server.api(carol.token).request('users/reactions', { userId: alice.id });
    assert.deepEqual(found.map((r) => r.note.id), [notes.last!.id, notes.first!.id]);
    const anonymous = await server.api().request('users/reactions', { userId: alice.id });
    assert.deepEqual(anonymous.map((r) => r.note.id), [notes.last!.id, notes.daves!.id, notes.first!.id]);
  });

  test('sinceId / untilId / limit page through them', async () => {
    const api = server.api(alice.token);
    const all = await api.request('users/reactions', { userId: alice.id });
    const page1 = await api.request('users/reactions', { userId: alice.id, limit: 2 });
    const page2 = await api.request('users/reactions', { userId: alice.id, limit: 2, untilId: page1[1]!.id });
    assert.deepEqual([...page1, ...page2].map((r) => r.id), all.map((r) => r.id));
    // Only a lower bound: the oldest after it, oldest first (Misskey's paging).
    const since = await api.request('users/reactions', { userId: alice.id, sinceId: all[3]!.id, limit: 2 });
    assert.deepEqual(since.map((r) => r.id), [all[2]!.id, all[1]!.id]);
  });

  test('private reactions: refused to others, shown to the user themself and to moderators', async () => {
    await ok(server, 'i/update', alice.token, { publicReactions: false });
    try {
      const refused = await server.post('users/reactions', { i: carol.token, userId: alice.id });
      assertError(refused, 400, ...NOT_PUBLIC);
      assertError(await server.post('users/reactions', { userId: alice.id }), 400, ...NOT_PUBLIC);
      assert.equal((await server.api(alice.token).request('users/reactions', { userId: alice.id })).length, 4);
      assert.ok((await server.api(moderator.token).request('users/reactions', { userId: alice.id })).length > 0);
    } finally {
      await ok(server, 'i/update', alice.token, { publicReactions: true });
    }
  });

  test('remote users and unknown users are refused', async () => {
    const remoteId = await insertRemoteUser(server, 'eve', 'remote.example');
    assertError(await server.post('users/reactions', { userId: remoteId }), 400, 'IS_REMOTE_USER', '6b95fa98-8cf9-2350-e284-f0ffdb54a805');
    assertError(await server.post('users/reactions', { userId: 'a0000000000' }), 400, 'NO_SUCH_USER', '27e494ba-2ac2-48e8-893b-10d4d8c2387b');
  });

  test('validation errors', async () => {
    assertError(await server.post('users/reactions', {}), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('users/reactions', { userId: alice.id, limit: 0 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });
});
