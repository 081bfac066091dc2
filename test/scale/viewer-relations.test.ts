import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { ServerProcess } from './processes.js';
import { waitFor } from './support.js';

/**
 * Each process caches its readers' relations (follows, mutes, blocks, muted words). A change made
 * through one process must reach the other's cache over the Redis bus: otherwise the other would
 * keep serving the old timeline for minutes (the cache's safety-net lifetime), and these waits,
 * a few seconds at most, would time out.
 */
describe('cached viewer relations across two processes (Redis bus)', { skip: backends.redis ? false : 'skipped: no TEST_REDIS_URL' }, () => {
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

  /** Whether alice's home timeline on the second process shows bob's note. */
  async function secondShowsNote(): Promise<boolean> {
    const res = await second.post('notes/timeline', { i: alice.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { id: string }[]).some((n) => n.id === noteId);
  }

  test('a mute, an unmute, hard-muted words and an unfollow made on one process apply on the other', async () => {
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
