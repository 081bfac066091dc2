import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The job payload of every job kind, by job name. Job files in src/jobs/ add their entry by
 * declaration merging (`declare module '../infra/queue/queue.js' { interface JobMap { … } }`),
 * so `svc.queue.enqueue(name, payload)` is checked without a central list.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobMap {}

/** Misskey's queue names (misskey-js `queueTypes`); every job kind lives in one of them. */
export const QUEUE_NAMES = [
  'system',
  'endedPollNotification',
  'postScheduledNote',
  'deliver',
  'inbox',
  'db',
  'relationship',
  'objectStorage',
  'userWebhookDeliver',
  'systemWebhookDeliver',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Where a job kind runs and how often it is tried; from its defineJob declaration. */
export interface JobRoute {
  queue: QueueName;
  /** Tries in all (1 = no retry). */
  attempts: number;
  /** Base of the exponential backoff in ms: retry n waits backoff × 2^(n-1). */
  backoff: number;
}

/** Job name → route. The queue refuses names it does not know. */
export type JobCatalog = ReadonlyMap<string, JobRoute>;

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now. */
  delay?: number;
  /** Overrides the job kind's attempts. */
  attempts?: number;
  /** A caller-chosen id: enqueueing an id that is still kept does nothing (idempotent enqueue). */
  jobId?: string;
  /**
   * The transaction of the change that needs the job: the embedded queue stores the job in it,
   * so both are kept or neither. BullMQ (Redis) cannot join it and stores the job at once;
   * its handler must then accept a job whose change was rolled back.
   */
  transaction?: Kysely<DB>;
}

/** A job's state, in BullMQ's vocabulary (the admin API speaks it). */
export type JobState = 'wait' | 'active' | 'delayed' | 'completed' | 'failed' | 'paused' | 'prioritized';

/** A job as the admin API shows it (Misskey's QueueJob). */
export interface JobInfo {
  id: string;
  name: string;
  data: unknown;
  opts: { attempts: number; delay: number; backoff: number };
  /** Epoch ms when it was enqueued. */
  timestamp: number;
  processedOn?: number;
  processedBy?: string;
  finishedOn?: number;
  attemptsMade: number;
  delay: number;
  failedReason: string;
  /** Newest first. */
  stacktrace: string[];
  returnValue: unknown;
  state: JobState;
}

/** Counts per state, as BullMQ's getJobCounts. */
export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  paused: number;
  prioritized: number;
}

/** Misskey's QueueMetrics: finished jobs per minute, newest first. */
export interface QueueMetrics {
  meta: { count: number; prevTS: number; prevCount: number };
  data: number[];
  count: number;
}

/** What a handler learns about the job it runs. */
export interface JobContext {
  id: string;
  /** 1 on the first try. */
  attempt: number;
}

/** Runs one job; throwing fails the attempt (retried with backoff until attempts are exhausted). */
export type JobHandler<P = unknown> = (payload: P, job: JobContext) => Promise<unknown>;

/**
 * The job queue: durable jobs with delays, retries with exponential backoff and failed jobs
 * kept for admins. A job runs at least once and, while its worker lives, exactly once; a
 * worker that dies mid-job leaves it to be run again, so handlers must be idempotent.
 * A table in the database by default; BullMQ on Redis when REDIS_URL is set.
 */
export interface Queue<M extends object = JobMap> {
  /** Stores a job and returns its id; the job is durable once this resolves. */
  enqueue<K extends keyof M & string>(name: K, payload: M[K], opts?: EnqueueOptions): Promise<string>;
  /** Starts running jobs of the given kinds in this process until close(). */
  work(handlers: Partial<{ [K in keyof M & string]: JobHandler<M[K]> }>, opts?: { concurrency?: number }): void;
  counts(queue: QueueName): Promise<JobCounts>;
  /** Up to `limit` jobs in the given states, newest first. */
  jobs(queue: QueueName, states: readonly JobState[], limit: number): Promise<JobInfo[]>;
  job(queue: QueueName, id: string): Promise<JobInfo | undefined>;
  /** Runs a finished (failed or completed) job again, or a delayed one now. */
  retry(queue: QueueName, id: string): Promise<void>;
  remove(queue: QueueName, id: string): Promise<void>;
  /** Makes every delayed job of the queue due now. */
  promoteAll(queue: QueueName): Promise<void>;
  /** Deletes the jobs in a state ('*' = all states). */
  clear(queue: QueueName, state: JobState | '*'): Promise<void>;
  metrics(queue: QueueName, type: 'completed' | 'failed'): Promise<QueueMetrics>;
  isPaused(queue: QueueName): Promise<boolean>;
  /** Facts about the store behind the queue (Misskey shows Redis INFO). */
  backendInfo(): Promise<QueueBackendInfo>;
  /** Stops working (running jobs finish first) and releases connections. */
  close(): Promise<void>;
}

/** Misskey's `db` block of admin/queue/queue-stats. */
export interface QueueBackendInfo {
  version: string;
  mode: 'cluster' | 'standalone' | 'sentinel';
  runId: string;
  processId: string;
  port: number;
  os: string;
  uptime: number;
  memory: { total: number; used: number; fragmentationRatio: number; peak: number };
  clients: { blocked: number; connected: number };
}

/** The delay before retry `attempt + 1` after `attempt` failed tries. */
export function backoffDelay(route: Pick<JobRoute, 'backoff'>, attemptsMade: number): number {
  return route.backoff * 2 ** Math.max(0, attemptsMade - 1);
}

/** The error text kept with a failed job. */
export function describeError(err: unknown): { message: string; stack: string } {
  if (err instanceof Error) return { message: err.message, stack: err.stack ?? `${err.name}: ${err.message}` };
  return { message: String(err), stack: String(err) };
}
