import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { noteFixtures } from '../../support/notes.js';

/**
 * Pages of notes read note rows from a per-process cache (NoteCache). Whatever changes what a
 * packed note shows must be seen by the very next request: each check below first reads the
 * note (so its row is cached), changes it, and reads it again through notes/timeline (the note
 * and, as a renote's target, nested) and notes/show.
 */
describe('note cache: the next request sees every change', () => {
  let server: TestServer;
  let f: ReturnType<typeof noteFixtures>;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    f = noteFixtures(server);
    [alice, bob, carol] = [await server.createUser('alice'), await server.createUser('bob'), await server.createUser('carol')];
    await f.follow(alice, bob);
  });
  after(() => server.close());

  /** The note as alice sees it in her home timeline, and as the target of bob's renote there, and through notes/show. */
  async function views(noteId: string, renoteId: string): Promise<any[]> {
    const res = await server.post('notes/timeline', { i: alice.token, limit: 10 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const direct = res.body.find((n: any) => n.id === noteId);
    const nested = res.body.find((n: any) => n.id === renoteId)?.renote;
    const shown = await server.post('notes/show', { i: alice.token, noteId });
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    return [direct, nested, shown.body];
  }

  async function expectEverywhere(noteId: string, renoteId: string, check: (note: any) => void): Promise<void> {
    for (const view of await views(noteId, renoteId)) {
      assert.ok(view, 'the note is on the page');
      check(view);
    }
  }

  test('reactions, replies, renotes, poll votes and deletions', async () => {
    const note = await f.post(bob, { text: 'cached', poll: { choices: ['a', 'b'] } });
    const renote = await f.post(bob, { renoteId: note.id });
    let renotes = 0;
    await expectEverywhere(note.id, renote.id, (n) => {
      assert.deepEqual(n.reactions, {});
      assert.equal(n.repliesCount, 0);
      renotes = n.renoteCount;
    });

    assert.equal((await server.post('notes/reactions/create', { i: carol.token, noteId: note.id, reaction: '👍' })).status, 204);
    await expectEverywhere(note.id, renote.id, (n) => {
      assert.deepEqual(n.reactions, { '👍': 1 });
      assert.equal(n.reactionCount, 1);
    });
    assert.equal((await server.post('notes/reactions/delete', { i: carol.token, noteId: note.id })).status, 204);
    await expectEverywhere(note.id, renote.id, (n) => assert.deepEqual(n.reactions, {}));

    const reply = await f.post(carol, { replyId: note.id, text: 'a reply' });
    await expectEverywhere(note.id, renote.id, (n) => assert.equal(n.repliesCount, 1));
    const carolsRenote = await f.post(carol, { renoteId: note.id });
    await expectEverywhere(note.id, renote.id, (n) => assert.equal(n.renoteCount, renotes + 1));

    assert.equal((await server.post('notes/polls/vote', { i: alice.token, noteId: note.id, choice: 1 })).status, 204);
    await expectEverywhere(note.id, renote.id, (n) => assert.deepEqual(n.poll.choices.map((c: any) => [c.votes, c.isVoted]), [[0, false], [1, true]]));

    assert.equal((await server.post('notes/delete', { i: carol.token, noteId: reply.id })).status, 204);
    await expectEverywhere(note.id, renote.id, (n) => assert.equal(n.repliesCount, 0));
    assert.equal((await server.post('notes/delete', { i: carol.token, noteId: carolsRenote.id })).status, 204);
    await expectEverywhere(note.id, renote.id, (n) => assert.equal(n.renoteCount, renotes));

    assert.equal((await server.post('notes/delete', { i: bob.token, noteId: note.id })).status, 204);
    const page = await server.post('notes/timeline', { i: alice.token, limit: 10 });
    assert.deepEqual(page.body.filter((n: any) => n.id === note.id || n.id === renote.id), [], 'the note and its renote are gone');
    assert.equal((await server.post('notes/show', { i: alice.token, noteId: note.id })).status, 400);
  });

  test("the caller's reaction is the caller's own, whoever read the note before", async () => {
    const note = await f.post(bob, { text: 'react to me' });
    await server.post('notes/reactions/create', { i: alice.token, noteId: note.id, reaction: '🎉' });
    const asAlice = await server.post('notes/show', { i: alice.token, noteId: note.id });
    const asCarol = await server.post('notes/show', { i: carol.token, noteId: note.id });
    assert.equal(asAlice.body.myReaction, '🎉');
    assert.equal(asCarol.body.myReaction, null);
    const timeline = await server.post('notes/timeline', { i: alice.token, limit: 10 });
    assert.equal(timeline.body.find((n: any) => n.id === note.id).myReaction, '🎉');
  });
});
