import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { setUser } from '../support/users.js';
import { ServerProcess } from './processes.js';
import { waitFor } from './support.js';

/**
 * Each process caches users (rows, images, native token → user). A change made through one
 * process must reach the other's cache over the Redis bus: otherwise the other would keep
 * answering with the old row for minutes (the cache's safety-net lifetime), and these waits,
 * a few seconds at most, would time out.
 */
describe('cached users across two processes (Redis bus)', { skip: backends.redis ? false : 'skipped: no TEST_REDIS_URL' }, () => {
  let server: TestServer;
  let second: ServerProcess;
  let alice: TestUser;
  let bob: TestUser;
  let noteId: string;

  before(async () => {
    server = await startTestServer({ RATE_LIMIT: 'false' });
    await server.createUser('admin');
    alice = await server.createUser('alice', 'pw');
    bob = await server.createUser('bob');
    noteId = (await server.api(alice.token).request('notes/create', { text: 'a swallow over the river' })).createdNote.id;
    second = await ServerProcess.beside(server, 'B');
  });
  after(async () => {
    await second?.stop();
    await server?.close();
  });

  /** `i` of `token` on the second process (status and body). */
  const secondI = (token: string) => second.post('i', { i: token });
  /** The note's author as the second process packs it for bob. */
  async function secondNoteUser(): Promise<{ name: string | null }> {
    const res = await second.post('notes/show', { i: bob.token, noteId });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.user;
  }

  test('a new name, a follow, a suspension and a regenerated token made on one process apply on the other', async () => {
    const cached = await secondI(alice.token);
    assert.equal(cached.body.name, null, 'the second process caches alice');
    assert.equal((await secondNoteUser()).name, null);

    await server.api(alice.token).request('i/update', { name: 'Alice' });
    await waitFor(async () => (await secondI(alice.token)).body.name === 'Alice', 'the new name to reach the second process (i)', 5_000);
    await waitFor(async () => (await secondNoteUser()).name === 'Alice', 'the new name to reach the second process (a packed note)', 5_000);

    await server.api(bob.token).request('following/create', { userId: alice.id });
    const followers = cached.body.followersCount + 1;
    await waitFor(async () => (await secondI(alice.token)).body.followersCount === followers, 'the follow to reach the second process', 5_000);

    await setUser(server, alice.id, { isSuspended: true });
    await waitFor(async () => (await secondI(alice.token)).status === 403, 'the suspension to reach the second process', 5_000);
    await setUser(server, alice.id, { isSuspended: false });
    await waitFor(async () => (await secondI(alice.token)).status === 200, 'the lifted suspension to reach the second process', 5_000);

    await server.api(alice.token).request('i/regenerate-token', { password: 'pw' });
    await waitFor(async () => (await secondI(alice.token)).status === 401, 'the regenerated token to reach the second process', 5_000);
  });
});
