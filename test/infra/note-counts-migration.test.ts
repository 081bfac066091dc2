import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { down, up } from '../../src/infra/db/migrations/0210-note-counts.js';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';

// Migration 0210 moves reaction and vote counts onto the note and poll rows: run again on a
// database that already holds reactions and votes, it must fill the columns from those rows.
describe('migration 0210 (note and poll counts) on existing rows', () => {
  let server: TestServer;
  let author: TestUser;
  const readers: TestUser[] = [];

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    author = await server.createUser('author');
    for (let i = 0; i < 3; i++) readers.push(await server.createUser(`reader${i}`));
  });
  after(() => server.close());

  test('fills note.reactions and poll.votes from the stored reactions and votes', async () => {
    const { createdNote: plain } = await server.api(author.token).request('notes/create', { text: 'react' });
    const { createdNote: poll } = await server.api(author.token).request('notes/create', { text: 'vote', poll: { choices: ['a', 'b', 'c'] } });
    for (const [i, r] of readers.entries()) {
      await server.api(r.token).request('notes/reactions/create', { noteId: plain.id, reaction: i === 0 ? '🎉' : '👍' });
      await server.api(r.token).request('notes/polls/vote', { noteId: poll.id, choice: i === 0 ? 2 : 0 });
    }
    const db = server.instance.svc.database.db;
    await down(db);
    await up(db);
    const show = (noteId: string) => server.api(author.token).request('notes/show', { noteId });
    assert.deepEqual((await show(plain.id)).reactions, { '👍': 2, '🎉': 1 });
    assert.deepEqual((await show(poll.id)).poll!.choices.map((c) => c.votes), [2, 0, 1]);
    assert.deepEqual((await show(poll.id)).reactions, {});
  });
});
