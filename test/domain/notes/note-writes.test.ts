import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NoteWrites } from '../../../src/domain/notes/note-writes.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';

// Notes posted at the same time share one transaction (group commit), each in its own savepoint.
// Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
describe('group commit of new notes', () => {
  let server: TestServer;
  let users: TestUser[];

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    users = [];
    for (let i = 0; i < 4; i++) users.push(await server.createUser(`writer${i}`));
  });
  after(() => server.close());

  test('writes that fail roll back alone; the others of the batch are committed when their callers resume', async () => {
    const db = server.instance.svc.database.db;
    const writes = NoteWrites.of(db);
    const [a, b, c] = users;
    const setLocked = (id: string) => writes.run(async (trx) => void (await trx.updateTable('user').set({ isLocked: true }).where('id', '=', id).execute()));
    const outcomes = await Promise.allSettled([
      setLocked(a!.id),
      writes.run(async (trx) => {
        await trx.updateTable('user').set({ isLocked: true }).where('id', '=', b!.id).execute();
        throw new Error('this note fails after writing');
      }),
      setLocked(c!.id),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal((outcomes[1] as PromiseRejectedResult).reason.message, 'this note fails after writing');
    const locked = await db.selectFrom('user').select(['id', 'isLocked']).where('id', 'in', [a!.id, b!.id, c!.id]).execute();
    assert.deepEqual(new Map(locked.map((u) => [u.id, u.isLocked])), new Map([[a!.id, true], [b!.id, false], [c!.id, true]]));
    await db.updateTable('user').set({ isLocked: false }).where('id', 'in', [a!.id, c!.id]).execute();
  });

  test('notes posted at once are all stored, counted and in their followers\' timelines when notes/create answers', async () => {
    const [reader, ...authors] = users;
    for (const author of authors) await server.api(reader!.token).request('following/create', { userId: author.id });
    const posted = await Promise.all(
      authors.flatMap((author) => [0, 1, 2].map((i) => server.api(author.token).request('notes/create', { text: `at once ${i}` }))),
    );
    const ids = posted.map((p) => p.createdNote.id);
    const timeline = await server.api(reader!.token).request('notes/timeline', { limit: 100 });
    assert.deepEqual(timeline.map((n) => n.id).sort(), [...ids].sort());
    for (const author of authors) assert.equal((await server.api(author.token).request('i', {})).notesCount, 3);
  });
});
