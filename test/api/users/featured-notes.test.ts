import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { noteFixtures } from '../../support/notes.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, ok } from '../../support/social.js';

describe('users/featured-notes', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const notes: Record<string, { id: string }> = {};

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    const f = noteFixtures(server);
    notes.once = await f.post(alice, { text: 'reacted once' });
    notes.twice = await f.post(alice, { text: 'reacted twice' });
    notes.self = await f.post(alice, { text: 'only alice reacted' });
    notes.home = await f.post(alice, { text: 'home note', visibility: 'home' });
    notes.old = await f.post(alice, { text: 'reacted long ago' });
    notes.bobs = await f.post(bob, { text: 'not alice' });
    const react = (user: TestUser, noteId: string) => ok(server, 'notes/reactions/create', user.token, { noteId, reaction: '👍' });
    await react(bob, notes.once.id);
    await react(bob, notes.twice.id);
    await react(carol, notes.twice.id);
    await react(alice, notes.self.id);
    await react(bob, notes.home.id);
    await react(bob, notes.old.id);
    await react(carol, notes.bobs.id);
    // A reaction from three weeks ago is outside the ranking window.
    await server.instance.svc.database.db
      .updateTable('note_reaction')
      .set({ createdAt: Date.now() - 21 * 24 * 60 * 60 * 1000 })
      .where('noteId', '=', notes.old.id)
      .execute();
  });
  after(() => server.close());

  test("the user's public notes reacted to by others in the window, newest first", async () => {
    const found = await server.api().request('users/featured-notes', { userId: alice.id });
    assert.deepEqual(found.map((n) => n.id), [notes.twice!.id, notes.once!.id]);
    assert.equal(found[0]!.reactions['👍'], 2);
  });

  test('limit and untilId page through them', async () => {
    const api = server.api();
    assert.deepEqual((await api.request('users/featured-notes', { userId: alice.id, limit: 1 })).map((n) => n.id), [notes.twice!.id]);
    assert.deepEqual((await api.request('users/featured-notes', { userId: alice.id, untilId: notes.twice!.id })).map((n) => n.id), [notes.once!.id]);
  });

  test('nothing for a caller the user blocks, or who mutes the user', async () => {
    await ok(server, 'mute/create', carol.token, { userId: alice.id });
    assert.deepEqual(await server.api(carol.token).request('users/featured-notes', { userId: alice.id }), []);
    await ok(server, 'mute/delete', carol.token, { userId: alice.id });
    await ok(server, 'blocking/create', alice.token, { userId: carol.id });
    assert.deepEqual(await server.api(carol.token).request('users/featured-notes', { userId: alice.id }), []);
    assert.equal((await server.api(bob.token).request('users/featured-notes', { userId: alice.id })).length, 2);
  });

  test('an unknown user has no featured notes; bad params are refused', async () => {
    assert.deepEqual(await server.api().request('users/featured-notes', { userId: 'a0000000000' }), []);
    assertError(await server.post('users/featured-notes', {}), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('users/featured-notes', { userId: alice.id, limit: 101 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });
});
