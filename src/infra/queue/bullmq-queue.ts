import os from 'node:os';
import { Queue as BullQueue, Worker, MetricsTime, type Job, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import type {
  EnqueueOptions, JobCatalog, JobCounts, JobHandler, JobInfo, JobMap, JobState, Queue, QueueBackendInfo, QueueMetrics, QueueName,
} from './queue.js';

/** Tuning of the BullMQ queue; tests shorten the stall detection. */
export interface BullmqQueueOptions {
  /** How long a job's lock lives without renewal (BullMQ lockDuration). */
  lockMs?: number;
  /** How often workers look for jobs of dead workers (BullMQ stalledInterval). */
  stalledCheckMs?: number;
  onError?: (err: unknown) => void;
}

// As the DbQueue: completed jobs are kept a day, failed ones a week, for admins to see.
const KEEP = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** The job queue on Redis through BullMQ: one BullMQ queue per Misskey queue name. */
export class BullmqQueue<M extends object = JobMap> implements Queue<M> {
  readonly #queues = new Map<QueueName, BullQueue>();
  readonly #workers: Worker[] = [];
  readonly #connection: { url: string; maxRetriesPerRequest: null };
  readonly #prefix: string;
  readonly #opts: BullmqQueueOptions;

  constructor(
    url: string,
    prefix: string,
    private readonly catalog: JobCatalog,
    opts: BullmqQueueOptions = {},
  ) {
    // BullMQ's blocking worker commands need unlimited retries per request.
    this.#connection = { url, maxRetriesPerRequest: null };
    this.#prefix = prefix.replace(/:+$/, '');
    this.#opts = opts;
  }

  #queue(name: QueueName): BullQueue {
    let q = this.#queues.get(name);
    if (!q) {
      q = new BullQueue(name, { connection: this.#connection, prefix: this.#prefix });
      q.on('error', (err) => this.#onError(err));
      this.#queues.set(name, q);
    }
    return q;
  }

  #onError(err: unknown): void {
    (this.#opts.onError ?? ((e) => console.error('tsubame: job queue:', e)))(err);
  }

  async enqueue<K extends keyof M & string>(name: K, payload: M[K], opts: EnqueueOptions = {}): Promise<string> {
    const route = this.catalog.get(name);
    if (!route) throw new Error(`unknown job "${name}"`);
    const job = await this.#queue(route.queue).add(name, payload ?? null, {
      delay: Math.max(0, opts.delay ?? 0),
      attempts: opts.attempts ?? route.attempts,
      backoff: { type: 'exponential', delay: route.backoff },
      ...(opts.jobId ? { jobId: opts.jobId } : {}),
      ...KEEP,
    });
    return job.id!;
  }

  work(handlers: Partial<{ [K in keyof M & string]: JobHandler<M[K]> }>, opts: { concurrency?: number } = {}): void {
    const byQueue = new Map<QueueName, Map<string, JobHandler>>();
    for (const [name, handler] of Object.entries(handlers)) {
      const route = this.catalog.get(name);
      if (!route || !handler) continue;
      if (!byQueue.has(route.queue)) byQueue.set(route.queue, new Map());
      byQueue.get(route.queue)!.set(name, handler as JobHandler);
    }
    for (const [queue, map] of byQueue) {
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = map.get(job.name);
          if (!handler) throw new Error(`no handler for job "${job.name}"`);
          return handler(job.data, { id: job.id!, attempt: job.attemptsMade + 1 });
        },
        {
          connection: this.#connection,
          prefix: this.#prefix,
          // Stored on each job as processedBy, so admins see which process ran it.
          name: `${os.hostname()}:${process.pid}`,
          concurrency: Math.max(1, opts.concurrency ?? 4),
          metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
          maxStalledCount: 1,
          ...(this.#opts.lockMs ? { lockDuration: this.#opts.lockMs } : {}),
          ...(this.#opts.stalledCheckMs ? { stalledInterval: this.#opts.stalledCheckMs } : {}),
        },
      );
      worker.on('error', (err) => this.#onError(err));
      this.#workers.push(worker);
    }
  }

  async counts(queue: QueueName): Promise<JobCounts> {
    const c = await this.#queue(queue).getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
    return {
      waiting: c.waiting ?? 0, active: c.active ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0,
      delayed: c.delayed ?? 0, paused: 0, prioritized: c.prioritized ?? 0,
    };
  }

  async jobs(queue: QueueName, states: readonly JobState[], limit: number): Promise<JobInfo[]> {
    // BullMQ 6 has no separate paused list: a paused queue's jobs stay in 'wait'.
    const types = states.filter((s): s is Exclude<JobState, 'paused'> => s !== 'paused') satisfies JobType[];
    if (types.length === 0) return [];
    const jobs = await this.#queue(queue).getJobs(types, 0, limit - 1);
    const infos = await Promise.all(jobs.filter((j) => j != null).map((j) => toInfo(j)));
    return infos.slice(0, limit);
  }

  async job(queue: QueueName, id: string): Promise<JobInfo | undefined> {
    const job = await this.#queue(queue).getJob(id);
    return job ? toInfo(job) : undefined;
  }

  async retry(queue: QueueName, id: string): Promise<void> {
    const job = await this.#queue(queue).getJob(id);
    if (!job) return;
    const state = await job.getState();
    if (state === 'failed' || state === 'completed') await job.retry(state);
    else if (state === 'delayed') await job.promote();
  }

  async remove(queue: QueueName, id: string): Promise<void> {
    const job = await this.#queue(queue).getJob(id);
    await job?.remove();
  }

  async promoteAll(queue: QueueName): Promise<void> {
    await this.#queue(queue).promoteJobs();
  }

  async clear(queue: QueueName, state: JobState | '*'): Promise<void> {
    const q = this.#queue(queue);
    const states = state === '*' ? (['completed', 'wait', 'active', 'prioritized', 'delayed', 'failed'] as const) : [state];
    await Promise.all(states.map((s) => q.clean(0, 0, s)));
  }

  async metrics(queue: QueueName, type: 'completed' | 'failed'): Promise<QueueMetrics> {
    const m = await this.#queue(queue).getMetrics(type, 0, MetricsTime.ONE_WEEK);
    return { meta: { count: m.meta.count, prevTS: m.meta.prevTS, prevCount: m.meta.prevCount }, data: m.data, count: m.count };
  }

  async isPaused(queue: QueueName): Promise<boolean> {
    return this.#queue(queue).isPaused();
  }

  async backendInfo(): Promise<QueueBackendInfo> {
    const client = new Redis(this.#connection.url, { maxRetriesPerRequest: 1 });
    const info = parseInfo(await client.info().finally(() => client.quit()));
    const int = (key: string) => parseInt(info[key] ?? '0', 10) || 0;
    return {
      version: info.redis_version ?? '',
      mode: (info.redis_mode as QueueBackendInfo['mode']) ?? 'standalone',
      runId: info.run_id ?? '',
      processId: info.process_id ?? '',
      port: int('tcp_port'),
      os: info.os ?? '',
      uptime: int('uptime_in_seconds'),
      memory: { total: int('total_system_memory') || int('maxmemory'), used: int('used_memory'), fragmentationRatio: parseFloat(info.mem_fragmentation_ratio ?? '0') || 0, peak: int('used_memory_peak') },
      clients: { connected: int('connected_clients'), blocked: int('blocked_clients') },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.close()));
    await Promise.all([...this.#queues.values()].map((q) => q.close()));
  }
}

async function toInfo(job: Job): Promise<JobInfo> {
  const state = await job.getState();
  const stacktrace = (job.stacktrace ?? []).filter(Boolean).reverse();
  const opts = job.opts as { attempts?: number; delay?: number; backoff?: { delay?: number } };
  return {
    id: job.id!,
    name: job.name,
    data: job.data,
    opts: { attempts: opts.attempts ?? 1, delay: opts.delay ?? 0, backoff: opts.backoff?.delay ?? 0 },
    timestamp: job.timestamp,
    ...(job.processedOn ? { processedOn: job.processedOn } : {}),
    ...(job.processedBy ? { processedBy: job.processedBy } : {}),
    ...(job.finishedOn ? { finishedOn: job.finishedOn } : {}),
    attemptsMade: job.attemptsMade,
    delay: job.delay,
    failedReason: job.failedReason ?? '',
    stacktrace,
    returnValue: job.returnvalue ?? null,
    state: state === 'waiting' ? 'wait' : state === 'unknown' || state === 'waiting-children' ? 'wait' : state,
  };
}

function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return out;
}
