import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { png } from '../api/drive/helpers.js';
import { RawClient, streamingUrl } from '../streaming/helpers.js';
import { ServerProcess } from './processes.js';
import { backends, scratchDatabase, waitFor, type ScratchDatabase } from './support.js';

const skip = !backends.postgres || !backends.redis ? 'skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL' : false;

/**
 * The scale-out mode for real: two web processes (A, B) and one worker (W) as separate
 * `node` processes over one PostgreSQL database and one Redis, as behind a reverse proxy.
 */
describe('scale-out: two web processes and a worker over PostgreSQL and Redis', { skip }, () => {
  let scratch: ScratchDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  let worker: ServerProcess;
  let admin: { id: string; token: string };
  // The remote server that drive/files/upload-from-url jobs fetch from; `hold` paths never answer their first request.
  let origin: http.Server;
  let originUrl: string;
  const requests = new Map<string, number>();
  const arrived = new Map<string, () => void>();
  let image: Buffer;

  before(async () => {
    image = await png();
    origin = http.createServer((req, res) => {
      const count = (requests.get(req.url!) ?? 0) + 1;
      requests.set(req.url!, count);
      arrived.get(req.url!)?.();
      if (req.url!.startsWith('/hold') && count === 1) return; // the worker dies while waiting for this one
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': image.length }).end(image);
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;

    scratch = await scratchDatabase(backends.postgres);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-scale-'));
    env = {
      DATABASE_URL: (scratch.target as { url: string }).url,
      REDIS_URL: backends.redis!,
      REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'http://127.0.0.1',
      LOG_LEVEL: 'warn',
      ALLOW_PRIVATE_NETWORK_FETCH: 'true',
      JOB_LEASE_MS: '2000',
    };
    // All three start at once against an empty database: one migrates, the others wait.
    [a, b, worker] = await Promise.all([
      ServerProcess.start('A', { ...env, ROLE: 'web' }),
      ServerProcess.start('B', { ...env, ROLE: 'web' }),
      ServerProcess.start('W', { ...env, ROLE: 'worker' }),
    ]);
  });

  after(async () => {
    await Promise.all([a, b, worker].filter(Boolean).map((p) => p.stop()));
    origin?.closeAllConnections();
    await new Promise((resolve) => origin?.close(resolve));
    await scratch?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('an instance setting changed on A is not served stale by B (cache invalidation over Redis)', async () => {
    // B caches the settings (no administrator yet), then A's first account makes one.
    assert.equal((await b.post('meta')).body.requireSetup, true);
    const created = await a.post('admin/accounts/create', { username: 'admin', password: 'pw' });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    admin = { id: created.body.id, token: created.body.token };
    assert.equal((await b.post('meta')).body.requireSetup, false);
  });

  test('a note posted on A reaches a stream on B', async () => {
    const client = await RawClient.open(streamingUrl(b.url!, admin.token));
    try {
      const channel = await client.connect('localTimeline');
      await client.roundTrip();
      const posted = await a.post('notes/create', { i: admin.token, text: 'hello from A' });
      assert.equal(posted.status, 200, JSON.stringify(posted.body));
      const note = await client.channelEvent(channel, 'note', (n) => n.id === posted.body.createdNote.id);
      assert.equal(note.text, 'hello from A');
      assert.equal(note.user.id, admin.id);
    } finally {
      await client.close();
    }
  });

  test('a rate limit is shared: calls on A and B count against one bucket', async () => {
    // notifications/test-notification allows 10 calls a minute per user.
    for (let n = 0; n < 10; n++) {
      const res = await (n % 2 ? b : a).post('notifications/test-notification', { i: admin.token });
      assert.equal(res.status, 204, `call ${n + 1}: ${JSON.stringify(res.body)}`);
    }
    for (const p of [a, b]) {
      const res = await p.post('notifications/test-notification', { i: admin.token });
      assert.equal(res.status, 429);
      assert.equal(res.body.error.code, 'RATE_LIMIT_EXCEEDED');
    }
  });

  test('a job enqueued by A runs once, on the worker, and its result reaches B', async () => {
    const client = await RawClient.open(streamingUrl(b.url!, admin.token));
    try {
      const main = await client.connect('main');
      await client.roundTrip();
      const res = await a.post('drive/files/upload-from-url', { i: admin.token, url: `${originUrl}/once.png`, marker: 'once' });
      assert.equal(res.status, 204, JSON.stringify(res.body));
      const finished = await client.channelEvent(main, 'urlUploadFinished', (body) => body.marker === 'once');
      assert.equal(finished.file.size, image.length);
    } finally {
      await client.close();
    }
    const jobs = await completedUploads();
    const once = jobs.filter((j) => j.data.url.endsWith('/once.png'));
    assert.equal(once.length, 1);
    assert.match(once[0]!.processedBy, new RegExp(`:${worker.pid}$`), 'the worker process ran it');
    assert.equal(requests.get('/once.png'), 1, 'fetched exactly once');
  });

  test('killing the worker mid-job and while jobs wait loses no job', async () => {
    // A job is running (its fetch is held open) when the worker is killed without warning.
    const holding = new Promise<void>((resolve) => arrived.set('/hold.png', resolve));
    assert.equal((await a.post('drive/files/upload-from-url', { i: admin.token, url: `${originUrl}/hold.png`, force: true })).status, 204);
    await holding;
    await worker.stop('SIGKILL');

    // With no worker alive, more jobs are enqueued on both web processes.
    const waiting = ['w1', 'w2', 'w3', 'w4'];
    for (const [n, name] of waiting.entries()) {
      const res = await (n % 2 ? b : a).post('drive/files/upload-from-url', { i: admin.token, url: `${originUrl}/${name}.png`, force: true });
      assert.equal(res.status, 204);
    }

    worker = await ServerProcess.start('W2', { ...env, ROLE: 'worker' });
    const urls = ['hold', ...waiting].map((name) => `${originUrl}/${name}.png`);
    const done = await waitFor(async () => {
      const jobs = (await completedUploads()).filter((j) => urls.includes(j.data.url));
      return jobs.length === urls.length && jobs;
    }, 'every job to complete after the restart', 60_000);
    for (const job of done) assert.match(job.processedBy, new RegExp(`:${worker.pid}$`));
    for (const name of waiting) assert.equal(requests.get(`/${name}.png`), 1, `${name} fetched once`);
    // The interrupted job ran again from the start: its fetch was repeated.
    assert.equal(requests.get('/hold.png'), 2);
    const files = await b.post('drive/files', { i: admin.token, limit: 100 });
    assert.equal(files.status, 200, JSON.stringify(files.body));
    const names = files.body.map((f: { name: string }) => f.name);
    // Each job stored its file once (force: the same bytes are stored again rather than deduplicated).
    for (const name of ['hold', ...waiting]) assert.equal(names.filter((n: string) => n === `${name}.png`).length, 1, JSON.stringify(names));
  });

  async function completedUploads(): Promise<{ id: string; data: { url: string }; processedBy: string }[]> {
    const res = await b.post('admin/queue/jobs', { i: admin.token, queue: 'db', state: ['completed'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.filter((j: { name: string }) => j.name === 'uploadFromUrl');
  }
});
