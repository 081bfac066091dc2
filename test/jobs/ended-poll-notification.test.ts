import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import type { entities } from 'misskey-js';
import pg from 'pg';
import { backends, startTestServer, type TestServer } from '../support/server.js';
import { nextMainEvent } from '../api/notifications/support.js';

const servers: TestServer[] = [];
/** What the first (already stopped) instance leaves behind: its data directory and database. */
let leftovers: { dataDir: string; databaseUrl: string | undefined } | undefined;
after(async () => {
  for (const s of servers) await s.close();
  if (!leftovers) return;
  await rm(leftovers.dataDir, { recursive: true, force: true });
  if (leftovers.databaseUrl && backends.postgres) {
    const client = new pg.Client({ connectionString: backends.postgres });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${new URL(leftovers.databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await client.end();
  }
});

test('a poll that closes while the server is down still notifies pollEnded after a restart', async () => {
  const first = await startTestServer();
  const alice = await first.createUser('alice');
  const res = await first.post('notes/create', { i: alice.token, text: 'closing soon', poll: { choices: ['yes', 'no'], expiredAfter: 5000 } });
  assert.equal(res.status, 200);
  const noteId = res.body.createdNote.id as string;
  // The poll closes 5 s from now, long after this instance is stopped even on a busy machine.
  const { config, queue } = first.instance.svc;
  // The job is stored with the note, so it is there as soon as notes/create has answered.
  const jobs = await queue.jobs('endedPollNotification', ['delayed', 'wait'], 10);
  assert.deepEqual(jobs.map((j) => j.data), [{ noteId }]);
  // Stop the instance but keep its database (and queue) for the next one.
  await first.instance.close();
  leftovers = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };

  const second = await startTestServer({
    DATA_DIR: config.dataDir,
    ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    ...(config.redisUrl ? { REDIS_PREFIX: config.redisPrefix } : {}),
  });
  servers.push(second);
  const ended = await nextMainEvent(second, alice.id, 'notification', 30_000);
  const body = ended.body as entities.Notification;
  assert.ok(body.type === 'pollEnded');
  assert.equal(body.note.id, noteId);
  const [listed] = await second.api(alice.token).request('i/notifications', {});
  assert.equal(listed.type, 'pollEnded');
});
