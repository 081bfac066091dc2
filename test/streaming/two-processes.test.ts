import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { backends, startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { RawClient, streamingUrl } from './helpers.js';

/** Starts `src/main.ts` as a second process on the same database and Redis; resolves with its URL. */
async function startSecondProcess(server: TestServer): Promise<{ url: string; child: ChildProcess }> {
  const config = server.instance.svc.config;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: config.dataDir,
    REDIS_URL: config.redisUrl!,
    REDIS_PREFIX: config.redisPrefix,
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^;\s)]+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`second process exited with ${code}: ${output}`)));
  });
  return { url, child };
}

describe('streaming across processes (Redis bus)', { skip: backends.redis ? false : 'skipped: no TEST_REDIS_URL' }, () => {
  let server: TestServer;
  let second: { url: string; child: ChildProcess };
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    await server.api(alice.token).request('following/create', { userId: bob.id });
    second = await startSecondProcess(server);
  });
  after(async () => {
    second?.child.kill('SIGTERM');
    if (second && second.child.exitCode === null) await once(second.child, 'exit');
    await server.close();
  });

  test('a note, a reaction and a notification made on one process reach sockets on the other', async () => {
    const client = await RawClient.open(streamingUrl(second.url, alice.token));
    const home = await client.connect('homeTimeline');
    const main = await client.connect('main');

    const { createdNote } = await server.api(bob.token).request('notes/create', { text: 'from process A' });
    const note = await client.channelEvent(home, 'note', (n) => n.id === createdNote.id);
    assert.equal(note.text, 'from process A');

    client.send('subNote', { id: createdNote.id });
    await client.roundTrip();
    await server.api(alice.token).request('notes/reactions/create', { noteId: createdNote.id, reaction: '🚀' });
    const reacted = await client.next((m) => m.type === 'noteUpdated' && m.body.id === createdNote.id);
    assert.deepEqual(reacted.body.body, { reaction: '🚀', emoji: null, userId: alice.id });

    await server.api(alice.token).request('notifications/test-notification', {});
    const notification = await client.channelEvent(main, 'notification', (n) => n.type === 'test');
    assert.equal(typeof notification.id, 'string');
    await client.close();
  });

  test('a mute made on one process applies to open sockets on the other (their cached relations are dropped)', { timeout: 30_000 }, async () => {
    const carol = await server.createUser('carol');
    await server.api(alice.token).request('following/create', { userId: carol.id });
    const client = await RawClient.open(streamingUrl(second.url, alice.token));
    const home = await client.connect('homeTimeline');
    // The socket's relations are now cached on the second process.
    const before = await server.api(bob.token).request('notes/create', { text: 'bob before the mute' });
    await client.channelEvent(home, 'note', (n) => n.id === before.createdNote.id);

    await server.api(alice.token).request('mute/create', { userId: bob.id });
    // The reload is asynchronous: bob posts, then carol; once carol's note arrived, bob's must not
    // have. Stale relations would let every attempt through.
    let hidden = false;
    for (let attempt = 0; attempt < 10 && !hidden; attempt++) {
      const muted = await server.api(bob.token).request('notes/create', { text: `bob muted ${attempt}` });
      const sentinel = await server.api(carol.token).request('notes/create', { text: `carol ${attempt}` });
      await client.channelEvent(home, 'note', (n) => n.id === sentinel.createdNote.id);
      hidden = !client.received.some((m) => m.type === 'channel' && m.body.body?.id === muted.createdNote.id);
    }
    assert.ok(hidden, 'bob\'s notes still reach the muting socket on the other process');
    await server.api(alice.token).request('mute/delete', { userId: bob.id });
    await client.close();
  });
});
