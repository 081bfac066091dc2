import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { down, up } from '../../../src/infra/db/migrations/0210-note-counts.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';

// Reaction and vote counts are kept on the note and poll rows (migration 0210); concurrent writers must not lose one.
describe('reaction and vote counts on the note and poll rows', () => {
  let server: TestServer;
  let author: TestUser;
  const readers: TestUser[] = [];

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    author = await server.createUser('author');
    for (let i = 0; i < 12; i++) readers.push(await server.createUser(`reader${i}`));
  });
  after(() => server.close());

  // Run again on a database that already holds reactions and votes, the migration fills the columns from those rows.
  test('migration 0210 fills note.reactions and poll.votes from the stored reactions and votes', async () => {
    const { createdNote: plain } = await server.api(author.token).request('notes/create', { text: 'react' });
    const { createdNote: poll } = await server.api(author.token).request('notes/create', { text: 'vote', poll: { choices: ['a', 'b', 'c'] } });
    for (const [i, r] of readers.slice(0, 3).entries()) {
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

  test('every reaction, change of reaction, unreaction and vote is counted once', async () => {
    const { createdNote } = await server.api(author.token).request('notes/create', { text: 'vote', poll: { choices: ['a', 'b', 'c'], multiple: true } });
    const show = () => server.api(author.token).request('notes/show', { noteId: createdNote.id });

    await Promise.all(readers.map((r, i) => server.api(r.token).request('notes/reactions/create', { noteId: createdNote.id, reaction: i % 2 ? '👍' : '🎉' })));
    assert.deepEqual((await show()).reactions, { '👍': 6, '🎉': 6 });
    assert.equal((await show()).reactionCount, 12);

    // Half change their reaction, a third take theirs back, at the same time.
    await Promise.all(
      readers.map((r, i) =>
        i < 6
          ? server.api(r.token).request('notes/reactions/create', { noteId: createdNote.id, reaction: '❤' })
          : i < 10 ? server.api(r.token).request('notes/reactions/delete', { noteId: createdNote.id }) : Promise.resolve(),
      ),
    );
    assert.deepEqual((await show()).reactions, { '❤': 6, '👍': 1, '🎉': 1 });

    await Promise.all(readers.flatMap((r) => [0, 2].map((choice) => server.api(r.token).request('notes/polls/vote', { noteId: createdNote.id, choice }))));
    assert.deepEqual((await show()).poll!.choices.map((c) => c.votes), [12, 0, 12]);
    const mine = await server.api(readers[0]!.token).request('notes/show', { noteId: createdNote.id });
    assert.deepEqual(mine.poll!.choices.map((c) => c.isVoted), [true, false, true]);
    assert.equal(mine.myReaction, '❤');
  });
});
