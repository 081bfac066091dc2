import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { noteFixtures } from '../../support/notes.js';
import { uploadOk } from '../drive/helpers.js';

// The server counts SQL statements per request when TSUBAME_COUNT_QUERIES is on (X-Query-Count).
describe('packing a page of notes', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let f: ReturnType<typeof noteFixtures>;

  before(async () => {
    // The note cache off: every page is a cold one, whose statements must not depend on its size or content.
    server = await startTestServer({ TSUBAME_COUNT_QUERIES: 'true', RATE_LIMIT: 'false', NOTE_CACHE_SIZE: '0' });
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    f = noteFixtures(server);
  });
  after(() => server.close());

  /** Posts `n` rounds of varied notes by alice: plain, reply, renote, quote of a quote, poll, with file, reacted, followers-only. */
  async function seed(rounds: number): Promise<void> {
    const file = await uploadOk(server, alice.token, `file ${Date.now()}`, 'a.txt');
    for (let i = 0; i < rounds; i++) {
      const target = await f.post(bob, { text: `bob ${i}`, poll: { choices: ['x', 'y'] } });
      await server.post('notes/polls/vote', { i: alice.token, noteId: target.id, choice: 0 });
      await f.post(alice, { text: `plain ${i}` });
      await f.post(alice, { replyId: target.id, text: `reply ${i}` });
      await f.post(alice, { renoteId: target.id });
      const quote = await f.post(bob, { renoteId: target.id, text: `quote ${i}` });
      await f.post(alice, { renoteId: quote.id, text: `quote of quote ${i}` });
      await f.post(alice, { text: `poll ${i}`, poll: { choices: ['a', 'b'] } });
      const withFile = await f.post(alice, { text: `file ${i}`, fileIds: [file.id] });
      await server.post('notes/reactions/create', { i: bob.token, noteId: withFile.id, reaction: '👍' });
      await f.post(alice, { text: `followers ${i}`, visibility: 'followers' });
    }
  }

  async function countFor(limit: number): Promise<{ count: number; notes: any[] }> {
    const res = await fetch(`${server.url}/api/users/notes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ i: bob.token, userId: alice.id, limit, withReplies: true }),
    });
    assert.equal(res.status, 200);
    const count = Number(res.headers.get('x-query-count'));
    assert.ok(count > 0, 'the server reports its statements');
    return { count, notes: (await res.json()) as any[] };
  }

  test('costs the same number of queries for 20 or 60 notes, whatever they hold', async () => {
    await seed(10);
    const small = await countFor(20);
    const large = await countFor(60);
    assert.equal(small.notes.length, 20);
    assert.equal(large.notes.length, 60);
    assert.equal(large.count, small.count, `20 notes: ${small.count} statements, 60 notes: ${large.count}`);
    assert.ok(small.count <= 20, `at most 20 statements, got ${small.count}`);
    const packed = large.notes;
    assert.ok(packed.some((n) => n.poll && n.poll.choices.length === 2));
    assert.ok(packed.some((n) => n.files?.length === 1 && n.reactions['👍'] === 1 && n.myReaction === '👍'));
    assert.ok(packed.some((n) => n.renote?.renote?.poll?.choices[0].votes === 1));
    assert.ok(packed.some((n) => n.reply?.text?.startsWith('bob')));
    assert.ok(!packed.some((n) => n.visibility === 'followers'), 'followers-only notes are left out for bob');
  });
});
