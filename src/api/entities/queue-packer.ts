import type { Endpoints } from 'misskey-js';
import type { JobCounts, JobInfo, Queue, QueueName } from '../../infra/queue/queue.js';

type QueueJob = Endpoints['admin/queue/show-job']['res'];
type QueueCount = Endpoints['admin/queue/stats']['res']['deliver'];
type QueueSummary = Endpoints['admin/queue/queues']['res'][number];

// misskey-js types free-form objects (payload, options, result) as Record<string, never>.
type Opaque = Record<string, never>;

/** A job as Misskey's QueueJob. */
export function packQueueJob(job: JobInfo): QueueJob {
  return {
    id: job.id,
    name: job.name,
    data: (job.data ?? {}) as Opaque,
    opts: job.opts as unknown as Opaque,
    timestamp: job.timestamp,
    ...(job.processedOn !== undefined ? { processedOn: job.processedOn } : {}),
    ...(job.processedBy !== undefined ? { processedBy: job.processedBy } : {}),
    ...(job.finishedOn !== undefined ? { finishedOn: job.finishedOn } : {}),
    progress: 0 as unknown as Opaque,
    attempts: job.attemptsMade,
    delay: job.delay,
    failedReason: job.failedReason,
    stacktrace: job.stacktrace,
    returnValue: (job.returnValue ?? null) as Opaque,
    isFailed: job.failedReason !== '' || job.stacktrace.length > 0,
  };
}

/** The five counts Misskey's QueueCount shows. */
export function packQueueCount(c: JobCounts): QueueCount {
  return { waiting: c.waiting, active: c.active, completed: c.completed, failed: c.failed, delayed: c.delayed };
}

/** One queue's counts, pause state and per-minute metrics (admin/queue/queues, queue-stats). */
export async function packQueueSummary(queue: Queue, name: QueueName): Promise<QueueSummary> {
  const [counts, isPaused, completed, failed] = await Promise.all([
    queue.counts(name),
    queue.isPaused(name),
    queue.metrics(name, 'completed'),
    queue.metrics(name, 'failed'),
  ]);
  return { name, counts: { ...counts }, isPaused, metrics: { completed, failed } };
}

/** Delayed jobs of a queue counted per remote host, most first (deliver-delayed, inbox-delayed). */
export async function delayedByHost(queue: Queue, name: QueueName, urlOf: (data: unknown) => unknown): Promise<[string, number][]> {
  const counts = new Map<string, number>();
  for (const job of await queue.jobs(name, ['delayed'], 10_000)) {
    const url = urlOf(job.data);
    if (typeof url !== 'string' || !URL.canParse(url)) continue;
    const host = new URL(url).host;
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}
