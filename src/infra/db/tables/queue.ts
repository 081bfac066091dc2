import type { Selectable } from 'kysely';

/** The embedded job queue's durable table (the DbQueue; BullMQ keeps its jobs in Redis instead). */
export interface QueueTables {
  queue_job: QueueJobTable;
}

export interface QueueJobTable {
  /** Generated aidx, or the caller's jobId (idempotent enqueue). */
  id: string;
  /** One of Misskey's queue names. */
  queue: string;
  /** The job kind (a defineJob name). */
  name: string;
  /** The payload as JSON text. */
  data: string;
  /** 'waiting' (delayed while runAt is in the future), 'active', 'completed' or 'failed'. */
  state: 'waiting' | 'active' | 'completed' | 'failed';
  /** Epoch ms from which the job may run. */
  runAt: number;
  createdAt: number;
  /** The delay asked for at enqueue, in ms. */
  delay: number;
  /** Tries in all. */
  attempts: number;
  /** Base of the exponential backoff, in ms. */
  backoff: number;
  attemptsMade: number;
  /** How often a dead worker's job was put back; past the limit it fails. */
  stalledCount: number;
  processedOn: number | null;
  finishedOn: number | null;
  /** The worker running it, and until when its lease holds (a dead worker's lease lapses). */
  lockedBy: string | null;
  leaseUntil: number | null;
  failedReason: string | null;
  /** JSON array of stack traces, newest last. */
  stacktrace: string | null;
  returnValue: string | null;
}

export type QueueJobRow = Selectable<QueueJobTable>;

export const QUEUE_BOOLEAN_COLUMNS: string[] = [];
