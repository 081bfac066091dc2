import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backends } from '../support/server.js';
import { waitFor } from './support.js';
import { twoProcessesWithFollowedNote } from './two-process-fixture.js';

/**
 * Each process caches its readers' relations (follows, mutes, blocks, muted words). A change made
 * through one process must reach the other's cache over the Redis bus: otherwise the other would
 * keep serving the old timeline for minutes (the cache's safety-net lifetime), and these waits,
 * a few seconds at most, would time out.
 */
describe('cached viewer relations across two processes (Redis bus)', { skip: backends.redis ? false : 'skipped: no TEST_REDIS_URL' }, () => {
  const t = twoProcessesWithFollowedNote();

  /** Whether alice's home timeline on the second process shows bob's note. */
  async function secondShowsNote(): Promise<boolean> {
    const res = await t.second.post('notes/timeline', { i: t.alice.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { id: string }[]).some((n) => n.id === t.noteId);
  }

  test('a mute, an unmute, hard-muted words and an unfollow made on one process apply on the other', async () => {
    const { server, alice, bob } = t;
    assert.equal(await secondShowsNote(), true, 'the second process caches alice as a follower of bob');

    await server.api(alice.token).request('mute/create', { userId: bob.id });
    await waitFor(async () => !(await secondShowsNote()), 'the mute to reach the second process', 5_000);

    await server.api(alice.token).request('mute/delete', { userId: bob.id });
    await waitFor(secondShowsNote, 'the unmute to reach the second process', 5_000);

    await server.api(alice.token).request('i/update', { hardMutedWords: [['swallow']] });
    await waitFor(async () => !(await secondShowsNote()), 'the hard-muted word to reach the second process', 5_000);

    await server.api(alice.token).request('i/update', { hardMutedWords: [] });
    await waitFor(secondShowsNote, 'the cleared words to reach the second process', 5_000);

    await server.api(alice.token).request('following/delete', { userId: bob.id });
    await waitFor(async () => !(await secondShowsNote()), 'the unfollow to reach the second process', 5_000);
  });
});
