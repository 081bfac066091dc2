import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import { toJson, type DialectName } from '../db/dialect.js';
import type { DB, QueueJobRow } from '../db/schema.js';
import { IdGenerator } from '../../lib/aidx.js';
import { DbQueueAdmin } from './db-queue-admin.js';
import { backoffDelay, describeError, type EnqueueOptions, type JobCatalog, type JobHandler, type JobMap, type Queue } from './queue.js';

/** Tuning of the embedded queue; the defaults suit production, tests shorten them. */
export interface DbQueueOptions {
  /** How long a claimed job stays locked without a heartbeat before another worker may take it. */
  leaseMs?: number;
  /** How often an idle worker looks for due jobs (enqueues in the same process wake it at once). */
  pollMs?: number;
  /** Reports a failure of the worker loop itself (not of a job). */
  onError?: (err: unknown) => void;
}

// A job whose worker died is put back this many times; the next death fails it (BullMQ's maxStalledCount).
const MAX_STALLED = 1;
const KEEP_COMPLETED_MS = 24 * 3600_000;
const KEEP_FAILED_MS = 7 * 24 * 3600_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * The embedded job queue: a durable table polled with `UPDATE … RETURNING`. A claimed job
 * carries a lease that its worker renews while it runs, so two workers never run one job at
 * once and a job of a crashed worker runs again once its lease lapses.
 */
export class DbQueue<M extends object = JobMap> extends DbQueueAdmin implements Queue<M> {
  readonly #ids = new IdGenerator();
  readonly #workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #onError: (err: unknown) => void;
  readonly #running = new Map<string, Promise<void>>();
  #handlers = new Map<string, JobHandler>();
  #concurrency = 1;
  #loop: Promise<void> | undefined;
  #closing = false;
  #wake: (() => void) | undefined;
  #woken = false;
  #lastSweep = 0;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    db: Kysely<DB>,
    dialect: DialectName,
    private readonly catalog: JobCatalog,
    opts: DbQueueOptions = {},
  ) {
    super(db, dialect);
    this.#leaseMs = opts.leaseMs ?? 30_000;
    this.#pollMs = opts.pollMs ?? 1000;
    this.#onError = opts.onError ?? ((err) => console.error('tsubame: job queue:', err));
  }

  async enqueue<K extends keyof M & string>(name: K, payload: M[K], opts: EnqueueOptions = {}): Promise<string> {
    const route = this.catalog.get(name);
    if (!route) throw new Error(`unknown job "${name}"`);
    const now = Date.now();
    const delay = Math.max(0, opts.delay ?? 0);
    const id = opts.jobId ?? this.#ids.gen(now);
    await (opts.transaction ?? this.db)
      .insertInto('queue_job')
      .values({
        id, queue: route.queue, name, data: toJson(payload ?? null), state: 'waiting', runAt: now + delay, createdAt: now,
        delay, attempts: opts.attempts ?? route.attempts, backoff: route.backoff, attemptsMade: 0, stalledCount: 0,
      })
      // compat: as BullMQ, a jobId that is still kept makes the enqueue a no-op (without an
      // error, which would abort the caller's transaction on PostgreSQL).
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    if (this.#handlers.has(name)) this.#wakeAt(now + delay);
    return id;
  }

  work(handlers: Partial<{ [K in keyof M & string]: JobHandler<M[K]> }>, opts: { concurrency?: number } = {}): void {
    for (const [name, handler] of Object.entries(handlers)) {
      if (handler) this.#handlers.set(name, handler as JobHandler);
    }
    this.#concurrency = Math.max(1, opts.concurrency ?? 4);
    this.#loop ??= this.#run();
    this.#heartbeat ??= setInterval(() => void this.#renewLeases(), Math.max(10, this.#leaseMs / 3));
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#wake?.();
    for (const timer of this.#timers) clearTimeout(timer);
    await this.#loop;
    await Promise.all(this.#running.values());
    clearInterval(this.#heartbeat);
  }

  async #run(): Promise<void> {
    while (!this.#closing) {
      try {
        if (Date.now() - this.#lastSweep >= Math.min(SWEEP_EVERY_MS, this.#leaseMs)) await this.#sweep();
        while (this.#running.size < this.#concurrency && !this.#closing) {
          const job = await this.#claim();
          if (!job) break;
          this.#start(job);
        }
      } catch (err) {
        this.#onError(err);
      }
      await this.#idle();
    }
  }

  /** Waits for the poll interval, a finished job or a local enqueue, whichever comes first. */
  #idle(): Promise<void> {
    // A wake-up that came while the loop was busy claiming must not be lost to a full poll interval.
    if (this.#closing || this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.#pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }

  #wakeNow(): void {
    if (this.#wake) this.#wake();
    else this.#woken = true;
  }

  #wakeAt(at: number): void {
    const wait = at - Date.now();
    if (wait <= 0) return this.#wakeNow();
    // Later jobs are found by the regular poll; a timer only shortens waits below the interval.
    if (wait >= this.#pollMs) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#wakeNow();
    }, wait);
    timer.unref();
    this.#timers.add(timer);
  }

  async #claim(): Promise<QueueJobRow | undefined> {
    const names = [...this.#handlers.keys()];
    if (names.length === 0) return undefined;
    const now = Date.now();
    let due = this.db
      .selectFrom('queue_job')
      .select('id')
      .where('state', '=', 'waiting')
      .where('runAt', '<=', now)
      .where('name', 'in', names)
      .orderBy('runAt')
      .orderBy('id')
      .limit(1);
    // PostgreSQL: concurrent workers skip each other's candidate instead of queueing on its lock.
    // SQLite serialises writers, so the state check in the UPDATE is enough there.
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    return this.db
      .updateTable('queue_job')
      .set((eb) => ({
        state: 'active',
        lockedBy: this.#workerId,
        leaseUntil: now + this.#leaseMs,
        processedOn: now,
        attemptsMade: eb('attemptsMade', '+', 1),
      }))
      .where('id', '=', due)
      .where('state', '=', 'waiting')
      .returningAll()
      .executeTakeFirst();
  }

  #start(job: QueueJobRow): void {
    const handler = this.#handlers.get(job.name)!;
    const run = (async () => {
      try {
        const result = await handler(JSON.parse(job.data), { id: job.id, attempt: job.attemptsMade });
        await this.#finish(job, 'completed', { returnValue: result === undefined ? null : toJson(result) });
      } catch (err) {
        await this.#fail(job, err);
      }
    })()
      .catch((err: unknown) => this.#onError(err))
      .finally(() => {
        this.#running.delete(job.id);
        this.#wakeNow();
      });
    this.#running.set(job.id, run);
  }

  async #fail(job: QueueJobRow, err: unknown): Promise<void> {
    const { message, stack } = describeError(err);
    const stacktrace = toJson([...JSON.parse(job.stacktrace ?? '[]'), stack]);
    if (job.attemptsMade < job.attempts) {
      await this.db
        .updateTable('queue_job')
        .set({ state: 'waiting', runAt: Date.now() + backoffDelay(job, job.attemptsMade), lockedBy: null, leaseUntil: null, failedReason: message, stacktrace })
        .where('id', '=', job.id)
        .where('lockedBy', '=', this.#workerId)
        .execute();
    } else {
      await this.#finish(job, 'failed', { failedReason: message, stacktrace });
    }
  }

  async #finish(job: QueueJobRow, state: 'completed' | 'failed', fields: Partial<Pick<QueueJobRow, 'returnValue' | 'failedReason' | 'stacktrace'>>): Promise<void> {
    await this.db
      .updateTable('queue_job')
      // lockedBy stays: it tells admins which process ran the job (processedBy).
      .set({ state, finishedOn: Date.now(), leaseUntil: null, ...fields })
      .where('id', '=', job.id)
      // A worker that lost its lease (it stalled) must not overwrite the new owner's outcome.
      .where('lockedBy', '=', this.#workerId)
      .execute();
  }

  async #renewLeases(): Promise<void> {
    if (this.#running.size === 0) return;
    await this.db
      .updateTable('queue_job')
      .set({ leaseUntil: Date.now() + this.#leaseMs })
      .where('id', 'in', [...this.#running.keys()])
      .where('lockedBy', '=', this.#workerId)
      .execute()
      .catch((err: unknown) => this.#onError(err));
  }

  /** Puts back jobs of dead workers (or fails them past the limit) and prunes old finished jobs. */
  async #sweep(): Promise<void> {
    const now = Date.now();
    this.#lastSweep = now;
    await this.db
      .updateTable('queue_job')
      .set((eb) => ({ state: 'waiting', runAt: now, lockedBy: null, leaseUntil: null, stalledCount: eb('stalledCount', '+', 1), attemptsMade: eb('attemptsMade', '-', 1) }))
      .where('state', '=', 'active')
      .where('leaseUntil', '<', now)
      .where('stalledCount', '<', MAX_STALLED)
      .execute();
    await this.db
      .updateTable('queue_job')
      .set({ state: 'failed', finishedOn: now, lockedBy: null, leaseUntil: null, failedReason: 'job stalled more than allowable limit' })
      .where('state', '=', 'active')
      .where('leaseUntil', '<', now)
      .execute();
    await this.db
      .deleteFrom('queue_job')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'completed'), eb('finishedOn', '<', now - KEEP_COMPLETED_MS)]),
          eb.and([eb('state', '=', 'failed'), eb('finishedOn', '<', now - KEEP_FAILED_MS)]),
        ]),
      )
      .execute();
  }
}
