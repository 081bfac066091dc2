import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Database } from '../../src/infra/db/dialect.js';
import { BullmqQueue } from '../../src/infra/queue/bullmq-queue.js';
import { DbQueue } from '../../src/infra/queue/db-queue.js';
import type { JobCatalog, JobHandler, Queue } from '../../src/infra/queue/queue.js';
import { backends, deferred, migrated, scratchDatabase, waitFor, type ScratchDatabase } from '../scale/support.js';

type Jobs = {
  echo: { n: number };
  flaky: { failTimes: number; key: string };
  doomed: { key: string };
  slow: { key: string };
};

const catalog: JobCatalog = new Map([
  ['echo', { queue: 'system', attempts: 1, backoff: 0 }],
  ['flaky', { queue: 'deliver', attempts: 4, backoff: 100 }],
  ['doomed', { queue: 'deliver', attempts: 2, backoff: 20 }],
  ['slow', { queue: 'db', attempts: 1, backoff: 0 }],
]);

/** One implementation under test: how to open a queue on the shared backend, and how to end. */
interface Backend {
  open(): Queue<Jobs>;
  /** Leaves a job as a worker that died mid-job would (DbQueue only: a real kill is in test/scale). */
  strand?(id: string): Promise<void>;
  close(): Promise<void>;
}

async function dbBackend(adminUrl?: string): Promise<Backend> {
  const scratch: ScratchDatabase = await scratchDatabase(adminUrl);
  const databases: Database[] = [];
  const setup = await migrated(scratch);
  databases.push(setup);
  return {
    open() {
      const database = scratch.open();
      databases.push(database);
      return new DbQueue<Jobs>(database.db, database.dialect, catalog, { pollMs: 20, leaseMs: 5000 });
    },
    async strand(id) {
      await setup.db.updateTable('queue_job').set({ state: 'active', lockedBy: 'dead-worker', leaseUntil: Date.now() - 1, attemptsMade: 1 }).where('id', '=', id).execute();
    },
    async close() {
      for (const d of databases) await d.close();
      await scratch.drop();
    },
  };
}

function redisBackend(url: string): Backend {
  const prefix = `test:${randomBytes(6).toString('hex')}:queue`;
  return { open: () => new BullmqQueue<Jobs>(url, prefix, catalog, { stalledCheckMs: 300, lockMs: 300 }), close: async () => {} };
}

const implementations: [string, (() => Promise<Backend>) | undefined, string][] = [
  ['DbQueue on SQLite', () => dbBackend(), ''],
  ['DbQueue on PostgreSQL', backends.postgres ? () => dbBackend(backends.postgres) : undefined, 'skipped: no TEST_DATABASE_URL'],
  ['BullmqQueue on Redis', backends.redis ? async () => redisBackend(backends.redis!) : undefined, 'skipped: no TEST_REDIS_URL'],
];

for (const [name, make, reason] of implementations) {
  describe(`Queue contract: ${name}`, { skip: make ? false : reason }, () => {
    let backend: Backend;
    const open: Queue<Jobs>[] = [];
    const queue = () => {
      const q = backend.open();
      open.push(q);
      return q;
    };
    before(async () => {
      backend = await make!();
    });
    // Each test's workers stop before the next test, so no handler sees another test's jobs.
    afterEach(async () => {
      for (const q of open.splice(0)) await q.close();
    });
    after(() => backend.close());

    test('runs an enqueued job once with its payload, and keeps it as completed', async () => {
      const q = queue();
      const ran = deferred<{ n: number; id: string; attempt: number }>();
      q.work({ echo: async (p, job) => { ran.resolve({ ...p, id: job.id, attempt: job.attempt }); return { doubled: p.n * 2 }; } });
      const id = await q.enqueue('echo', { n: 21 });
      assert.deepEqual(await ran.promise, { n: 21, id, attempt: 1 });
      const done = await waitFor(async () => (await q.job('system', id))?.state === 'completed' && q.job('system', id), 'completion');
      assert.equal(done.name, 'echo');
      assert.deepEqual(done.data, { n: 21 });
      assert.deepEqual(done.returnValue, { doubled: 42 });
      assert.equal(done.attemptsMade, 1);
      assert.ok(done.finishedOn! >= done.timestamp);
      assert.equal((await q.counts('system')).completed, 1);
    });

    test('a delayed job waits its delay, shows as delayed, and can be promoted', async () => {
      const q = queue();
      const runs: number[] = [];
      const ran = deferred();
      q.work({ slow: async () => { runs.push(Date.now()); ran.resolve(); } });
      const start = Date.now();
      const id = await q.enqueue('slow', { key: 'late' }, { delay: 400 });
      const info = await q.job('db', id);
      assert.equal(info?.state, 'delayed');
      assert.equal(info?.delay, 400);
      assert.equal((await q.counts('db')).delayed, 1);
      await ran.promise;
      assert.ok(runs[0]! - start >= 390, `ran after ${runs[0]! - start} ms`);

      const far = await q.enqueue('slow', { key: 'far' }, { delay: 3_600_000 });
      assert.deepEqual((await q.jobs('db', ['delayed'], 10)).map((j) => j.id), [far]);
      await q.promoteAll('db');
      await waitFor(async () => (await q.job('db', far))?.state === 'completed', 'the promoted job to run');
    });

    test('retries a failing job with exponential backoff until it succeeds', async () => {
      const q = queue();
      const times: number[] = [];
      const ok = deferred<number>();
      q.work({
        flaky: async (p, job) => {
          times.push(Date.now());
          if (job.attempt <= p.failTimes) throw new Error(`fail ${job.attempt}`);
          ok.resolve(job.attempt);
        },
      });
      const id = await q.enqueue('flaky', { failTimes: 2, key: 'a' });
      assert.equal(await ok.promise, 3);
      // backoff 100 ms: the second try waits ≥ 100 ms, the third ≥ 200 ms.
      assert.ok(times[1]! - times[0]! >= 95, `first backoff ${times[1]! - times[0]!}`);
      assert.ok(times[2]! - times[1]! >= 195, `second backoff ${times[2]! - times[1]!}`);
      const done = await waitFor(async () => (await q.job('deliver', id))?.state === 'completed' && q.job('deliver', id), 'completion');
      assert.equal(done.attemptsMade, 3);
    });

    test('a job that exhausts its attempts is kept as failed with its reason, and retry runs it again', async () => {
      const q = queue();
      let calls = 0;
      let succeed = false;
      q.work({ doomed: async () => { calls++; if (!succeed) throw new Error('remote said no'); } });
      const id = await q.enqueue('doomed', { key: 'x' });
      const failed = await waitFor(async () => (await q.job('deliver', id))?.state === 'failed' && q.job('deliver', id), 'failure');
      assert.equal(calls, 2);
      assert.equal(failed.attemptsMade, 2);
      assert.equal(failed.failedReason, 'remote said no');
      assert.ok(failed.stacktrace.length >= 1 && failed.stacktrace[0]!.includes('remote said no'));
      assert.deepEqual((await q.jobs('deliver', ['failed'], 10)).map((j) => j.id), [id]);
      assert.equal((await q.counts('deliver')).failed, 1);

      succeed = true;
      await q.retry('deliver', id);
      await waitFor(async () => (await q.job('deliver', id))?.state === 'completed', 'the retried job to complete');
      assert.equal(calls, 3);
    });

    test('enqueueing a jobId that exists is a no-op (idempotent enqueue)', async () => {
      const q = queue();
      const a = await q.enqueue('slow', { key: 'one' }, { jobId: 'poll-end-n1', delay: 3_600_000 });
      const b = await q.enqueue('slow', { key: 'two' }, { jobId: 'poll-end-n1', delay: 3_600_000 });
      assert.equal(a, 'poll-end-n1');
      assert.equal(b, 'poll-end-n1');
      assert.deepEqual((await q.job('db', a))?.data, { key: 'one' });
      await q.remove('db', a);
      assert.equal(await q.job('db', a), undefined);
    });

    test('two workers on one backend never run a job twice', async () => {
      const producer = queue();
      const seen = new Map<number, number>();
      const handler: JobHandler<{ n: number }> = async (p) => { seen.set(p.n, (seen.get(p.n) ?? 0) + 1); };
      queue().work({ echo: handler }, { concurrency: 3 });
      queue().work({ echo: handler }, { concurrency: 3 });
      const count = 40;
      for (let n = 0; n < count; n++) await producer.enqueue('echo', { n: 1000 + n });
      await waitFor(() => seen.size === count, `${count} jobs`);
      await waitFor(async () => (await producer.counts('system')).active === 0, 'the workers to settle');
      assert.deepEqual([...seen.values()].filter((v) => v !== 1), []);
    });

    test('a job enqueued before a restart runs after it (durability)', async () => {
      const before = queue();
      const id = await before.enqueue('slow', { key: 'survivor' });
      await before.close();
      open.splice(open.indexOf(before), 1);
      const ran = deferred<string>();
      const after = queue();
      after.work({ slow: async (p) => ran.resolve(p.key) });
      assert.equal(await ran.promise, 'survivor');
      await waitFor(async () => (await after.job('db', id))?.state === 'completed', 'completion');
    });

    test('a job left by a dead worker runs again once its lease lapses', { skip: name.startsWith('Bullmq') ? 'BullMQ stall recovery is proven with a real kill in test/scale' : false }, async () => {
      const q = queue();
      const id = await q.enqueue('slow', { key: 'orphan' });
      await backend.strand!(id);
      const ran = deferred<string>();
      q.work({ slow: async (p) => ran.resolve(p.key) });
      assert.equal(await ran.promise, 'orphan');
      const done = await waitFor(async () => (await q.job('db', id))?.state === 'completed' && q.job('db', id), 'completion');
      assert.equal(done.attemptsMade, 1);
    });

    test('clear removes the jobs of one state, or all', async () => {
      const q = queue();
      await q.enqueue('slow', { key: 'c1' }, { delay: 3_600_000 });
      await q.enqueue('slow', { key: 'c2' }, { delay: 3_600_000 });
      assert.ok((await q.counts('db')).delayed >= 2);
      await q.clear('db', 'delayed');
      assert.equal((await q.counts('db')).delayed, 0);
      await q.clear('db', '*');
      const c = await q.counts('db');
      assert.equal(c.completed + c.failed + c.waiting + c.delayed, 0);
    });

    test('refuses a job name that no job declares', async () => {
      const q = queue();
      await assert.rejects(q.enqueue('nope' as 'echo', { n: 1 }), /unknown job "nope"/);
    });
  });
}
