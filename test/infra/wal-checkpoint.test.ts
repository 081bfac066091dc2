import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../src/infra/db/dialect.js';
import { openDatabase } from '../../src/infra/db/kysely.js';
import type { CheckpointReport, WalCheckpointer } from '../../src/infra/db/wal-checkpointer.js';

// SQLite only (the file's own database; PostgreSQL has no WAL file to checkpoint).
describe('SQLite WAL checkpoints in a worker thread', () => {
  let dir: string;
  let file: string;
  // Small bounds, and no checkpoint by the main connection: only the worker can keep the WAL small.
  // One batch (below) starts the worker.
  const options = { startBytes: 64 << 10, watchMs: 10, intervalMs: 10, idleMs: 10_000, fallbackPages: 1_000_000 };
  const open = (idleMs = options.idleMs) => openDatabase({ kind: 'sqlite', file, walCheckpoints: { ...options, idleMs } });
  const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  const ROWS_PER_BATCH = 1000;
  const ROW = 'x'.repeat(200);

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-wal-'));
    file = path.join(dir, 'test.sqlite');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** One transaction of ~250 kB. */
  async function writeBatch(database: Database): Promise<void> {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < ROWS_PER_BATCH; i++) await sql`insert into t (v) values (${ROW})`.execute(trx);
    });
  }

  test('the worker checkpoints while there are writes, so the WAL stays small, and the data survives a restart', async () => {
    const database = open();
    const checkpointer = database.walCheckpointer!;
    await sql`create table t (id integer primary key, v text not null)`.execute(database.db);
    const batches = 40;
    for (let b = 0; b < batches; b++) {
      await writeBatch(database);
      // The first batch starts the worker; each one is checkpointed before the next is written.
      await fullCheckpoint(checkpointer);
    }
    // ~10 MB written; without checkpoints the WAL would hold all of it.
    assert.ok(walBytes() < 2 << 20, `WAL of ${walBytes()} bytes`);
    await database.close();
    assert.equal(walBytes(), 0);

    const reopened = open();
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(reopened.db);
    assert.equal(rows[0]!.n, batches * ROWS_PER_BATCH);
    await reopened.close();
  });

  test('an idle worker truncates the WAL and stops; new writes start it again; close stops it', async () => {
    const database = open(200);
    const checkpointer = database.walCheckpointer!;
    await writeBatch(database);
    await fullCheckpoint(checkpointer);
    await once(checkpointer, 'stop');
    assert.equal(walBytes(), 0);

    await writeBatch(database);
    await fullCheckpoint(checkpointer);
    // Closing while the worker runs resolves (it stops and closes its connection first).
    await database.close();
    const reopened = open();
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(reopened.db);
    assert.equal(rows[0]!.n, 42 * ROWS_PER_BATCH);
    // Closing when the worker never started resolves too.
    await reopened.close();
  });
});

/** Waits for a checkpoint of new frames that left nothing behind in the WAL and restarted it. */
async function fullCheckpoint(checkpointer: WalCheckpointer): Promise<void> {
  for (;;) {
    const [report] = (await once(checkpointer, 'checkpoint')) as [CheckpointReport];
    // An empty log is a WAL that a commit has just restarted, before its frames.
    if (report.log > 0 && report.checkpointed === report.log && report.restarted) return;
  }
}

function once(emitter: WalCheckpointer, event: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within 20 s`)), 20_000);
    emitter.once(event, (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}
