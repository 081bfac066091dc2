import { Type, type TSchema } from '@sinclair/typebox';
import { QUEUE_NAMES } from '../../infra/queue/queue.js';

/** A queue name param: one of misskey-js's `queueTypes`. */
export const QueueNameParam = Type.Union(QUEUE_NAMES.map((q) => Type.Literal(q)));

const Count = Type.Integer({ minimum: 0 });

/** The job-queue entities of /api.json (Misskey's QueueJob, QueueCount, QueueMetrics). */
export const queueEntitySchemas: Record<string, TSchema> = {
  QueueCount: Type.Object({ waiting: Count, active: Count, completed: Count, failed: Count, delayed: Count }, { additionalProperties: true }),
  QueueMetrics: Type.Object({
    meta: Type.Object({ count: Type.Number(), prevTS: Type.Number(), prevCount: Type.Number() }),
    data: Type.Array(Type.Number()),
    count: Type.Number(),
  }),
  QueueJob: Type.Object({
    id: Type.String(),
    name: Type.String(),
    data: Type.Unknown(),
    opts: Type.Unknown(),
    timestamp: Type.Number(),
    processedOn: Type.Optional(Type.Number()),
    processedBy: Type.Optional(Type.String()),
    finishedOn: Type.Optional(Type.Number()),
    progress: Type.Unknown(),
    attempts: Type.Integer(),
    delay: Type.Number(),
    failedReason: Type.String(),
    stacktrace: Type.Array(Type.String()),
    returnValue: Type.Unknown(),
    isFailed: Type.Boolean(),
  }),
};
