import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { ServerProcess } from './processes.js';
import { waitFor } from './support.js';

/**
 * Each process caches note rows (NoteCache). A reaction, reply, renote or deletion made through
 * one process must reach the other's cache over the Redis bus: otherwise the other would keep
 * serving the old counts until the row left its cache, and these waits would time out.
 */
describe('cached note rows across two processes (Redis bus)', { skip: backends.redis ? false : 'skipped: no TEST_REDIS_URL' }, () => {
  let server: TestServer;
  let second: ServerProcess;
  let alice: TestUser;
  let bob: TestUser;
  let noteId: string;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    await server.api(alice.token).request('following/create', { userId: bob.id });
    noteId = (await server.api(bob.token).request('notes/create', { text: 'a swallow over the river' })).createdNote.id;
    second = await ServerProcess.beside(server, 'B');
  });
  after(async () => {
    await second?.stop();
    await server?.close();
  });

  /** Bob's note as alice's home timeline on the second process shows it (undefined: not there). */
  async function onSecond(): Promise<any> {
    const res = await second.post('notes/timeline', { i: alice.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { id: string }[]).find((n) => n.id === noteId);
  }

  test('a reaction, a reply, a renote and a deletion made on one process show on the other (timeline and notes/show)', async () => {
    const cached = await onSecond();
    assert.deepEqual([cached.reactions, cached.repliesCount, cached.renoteCount], [{}, 0, 0], 'the second process caches the note');

    assert.equal((await second.post('notes/show', { i: alice.token, noteId })).body.reactionCount, 0, 'notes/show on the second process caches the note');
    await server.api(alice.token).request('notes/reactions/create', { noteId, reaction: '👍' });
    await waitFor(async () => (await onSecond()).reactions['👍'] === 1, 'the reaction to reach the second process', 5_000);
    await waitFor(async () => (await second.post('notes/show', { i: alice.token, noteId })).body.reactionCount === 1, 'the reaction to reach notes/show on the second process', 5_000);

    const reply = (await server.api(alice.token).request('notes/create', { replyId: noteId, text: 'a reply' })).createdNote;
    await waitFor(async () => (await onSecond()).repliesCount === 1, 'the reply to reach the second process', 5_000);

    const renote = (await server.api(alice.token).request('notes/create', { renoteId: noteId })).createdNote;
    await waitFor(async () => (await onSecond()).renoteCount === 1, 'the renote to reach the second process', 5_000);

    await server.api(alice.token).request('notes/delete', { noteId: reply.id });
    await server.api(alice.token).request('notes/delete', { noteId: renote.id });
    await waitFor(async () => {
      const note = await onSecond();
      return note.repliesCount === 0 && note.renoteCount === 0;
    }, 'the deletions to reach the second process', 5_000);

    await server.api(bob.token).request('notes/delete', { noteId });
    await waitFor(async () => (await onSecond()) === undefined, 'the deleted note to leave the second process', 5_000);
    await waitFor(async () => (await second.post('notes/show', { i: alice.token, noteId })).status === 400, 'notes/show on the second process to lose the note', 5_000);
  });
});
