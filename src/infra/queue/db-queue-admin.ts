import os from 'node:os';
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { fromJson, type DialectName } from '../db/dialect.js';
import type { DB, QueueJobRow } from '../db/schema.js';
import type { JobCounts, JobInfo, JobState, QueueBackendInfo, QueueMetrics, QueueName } from './queue.js';

type JobExpr = ExpressionBuilder<DB, 'queue_job'>;

const METRIC_MINUTES = 60;

/** The admin side of the DbQueue: counts, listings and repairs over the job table. */
export class DbQueueAdmin {
  constructor(
    protected readonly db: Kysely<DB>,
    protected readonly dialect: DialectName,
  ) {}

  async counts(queue: QueueName): Promise<JobCounts> {
    const now = Date.now();
    const rows = await this.db
      .selectFrom('queue_job')
      .select((eb) => [
        sql<string>`CASE WHEN ${eb.ref('state')} = 'waiting' AND ${eb.ref('runAt')} > ${now} THEN 'delayed' ELSE ${eb.ref('state')} END`.as('s'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where('queue', '=', queue)
      .groupBy('s')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.s === s)?.n ?? 0);
    return { waiting: n('waiting'), active: n('active'), completed: n('completed'), failed: n('failed'), delayed: n('delayed'), paused: 0, prioritized: 0 };
  }

  async jobs(queue: QueueName, states: readonly JobState[], limit: number): Promise<JobInfo[]> {
    if (states.length === 0) return [];
    const now = Date.now();
    const rows = await this.db
      .selectFrom('queue_job')
      .selectAll()
      .where('queue', '=', queue)
      .where((eb) => eb.or(states.map((s) => inState(eb, s, now))))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => toInfo(r, now));
  }

  async job(queue: QueueName, id: string): Promise<JobInfo | undefined> {
    const row = await this.db.selectFrom('queue_job').selectAll().where('queue', '=', queue).where('id', '=', id).executeTakeFirst();
    return row && toInfo(row, Date.now());
  }

  async retry(queue: QueueName, id: string): Promise<void> {
    const now = Date.now();
    await this.db
      .updateTable('queue_job')
      .set({ state: 'waiting', runAt: now, attemptsMade: 0, stalledCount: 0, finishedOn: null, failedReason: null, returnValue: null })
      .where('queue', '=', queue)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('state', 'in', ['completed', 'failed']), inState(eb, 'delayed', now)]))
      .execute();
  }

  async remove(queue: QueueName, id: string): Promise<void> {
    await this.db.deleteFrom('queue_job').where('queue', '=', queue).where('id', '=', id).execute();
  }

  async promoteAll(queue: QueueName): Promise<void> {
    const now = Date.now();
    await this.db.updateTable('queue_job').set({ runAt: now }).where('queue', '=', queue).where((eb) => inState(eb, 'delayed', now)).execute();
  }

  async clear(queue: QueueName, state: JobState | '*'): Promise<void> {
    const now = Date.now();
    let q = this.db.deleteFrom('queue_job').where('queue', '=', queue);
    if (state !== '*') q = q.where((eb) => inState(eb, state, now));
    await q.execute();
  }

  async metrics(queue: QueueName, type: 'completed' | 'failed'): Promise<QueueMetrics> {
    const now = Date.now();
    const thisMinute = Math.floor(now / 60_000);
    const rows = await this.db
      .selectFrom('queue_job')
      .select((eb) => [sql<number>`${eb.ref('finishedOn')} / 60000`.as('minute'), eb.fn.countAll<number>().as('n')])
      .where('queue', '=', queue)
      .where('state', '=', type)
      .where('finishedOn', '>=', (thisMinute - METRIC_MINUTES + 1) * 60_000)
      .groupBy('minute')
      .execute();
    const data = Array.from({ length: METRIC_MINUTES }, () => 0);
    for (const r of rows) data[thisMinute - Math.floor(Number(r.minute))] = Number(r.n);
    const count = data.reduce((a, b) => a + b, 0);
    return { meta: { count, prevTS: now, prevCount: 0 }, data, count };
  }

  async isPaused(): Promise<boolean> {
    return false;
  }

  async backendInfo(): Promise<QueueBackendInfo> {
    const version =
      this.dialect === 'postgres'
        ? (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(this.db)).rows[0]!.v
        : (await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(this.db)).rows[0]!.v;
    const memory = process.memoryUsage();
    // compat: Misskey reports Redis INFO here; the embedded queue lives in the database, so we
    // report the database engine's version and this process's figures.
    return {
      version: `${this.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${version}`,
      mode: 'standalone',
      runId: '',
      processId: String(process.pid),
      port: 0,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      uptime: Math.floor(process.uptime()),
      memory: { total: os.totalmem(), used: memory.rss, fragmentationRatio: 0, peak: memory.rss },
      clients: { blocked: 0, connected: 1 },
    };
  }
}

function inState(eb: JobExpr, state: JobState, now: number) {
  switch (state) {
    case 'wait':
      return eb.and([eb('state', '=', 'waiting'), eb('runAt', '<=', now)]);
    case 'delayed':
      return eb.and([eb('state', '=', 'waiting'), eb('runAt', '>', now)]);
    case 'active':
    case 'completed':
    case 'failed':
      return eb('state', '=', state);
    default:
      // The embedded queue never pauses or prioritises.
      return sql<SqlBool>`1 = 0`;
  }
}

function toInfo(r: QueueJobRow, now: number): JobInfo {
  const state: JobState = r.state === 'waiting' ? (r.runAt > now ? 'delayed' : 'wait') : r.state;
  return {
    id: r.id,
    name: r.name,
    data: fromJson(r.data, null),
    opts: { attempts: r.attempts, delay: r.delay, backoff: r.backoff },
    timestamp: r.createdAt,
    ...(r.processedOn !== null ? { processedOn: r.processedOn } : {}),
    ...(r.lockedBy !== null ? { processedBy: r.lockedBy } : {}),
    ...(r.finishedOn !== null ? { finishedOn: r.finishedOn } : {}),
    attemptsMade: r.attemptsMade,
    delay: r.delay,
    failedReason: r.failedReason ?? '',
    stacktrace: fromJson<string[]>(r.stacktrace, []).reverse(),
    returnValue: fromJson(r.returnValue, null),
    state,
  };
}
