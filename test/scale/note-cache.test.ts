import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backends } from '../support/server.js';
import { waitFor } from './support.js';
import { twoProcessesWithFollowedNote } from './two-process-fixture.js';

/**
 * Each process caches note rows (NoteCache). A reaction, reply, renote or deletion made through
 * one process must reach the other's cache over the Redis bus: otherwise the other would keep
 * serving the old counts until the row left its cache, and these waits would time out.
 */
describe('cached note rows across two processes (Redis bus)', { skip: backends.redis ? false : 'skipped: no TEST_REDIS_URL' }, () => {
  const t = twoProcessesWithFollowedNote();

  /** Bob's note as alice's home timeline on the second process shows it (undefined: not there). */
  async function onSecond(): Promise<any> {
    const res = await t.second.post('notes/timeline', { i: t.alice.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { id: string }[]).find((n) => n.id === t.noteId);
  }

  test('a reaction, a reply, a renote and a deletion made on one process show on the other (timeline and notes/show)', async () => {
    const { server, second, alice, bob, noteId } = t;
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
