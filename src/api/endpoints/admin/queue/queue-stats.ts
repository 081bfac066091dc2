import { Type } from '@sinclair/typebox';
import { packQueueSummary } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';
import { QueueNameParam } from '../../../schemas/queue.js';

export default defineEndpoint({
  name: 'admin/queue/queue-stats',
  tags: ['admin'],
  description: "One job queue's counts, metrics and the store behind it (Redis with BullMQ, else the database).",
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: Type.Object({ queue: QueueNameParam }),
  res: Type.Object({
    name: QueueNameParam,
    qualifiedName: Type.String(),
    counts: Type.Record(Type.String(), Type.Integer()),
    isPaused: Type.Boolean(),
    metrics: Type.Object({ completed: Ref('QueueMetrics'), failed: Ref('QueueMetrics') }),
    db: Type.Object({}, { additionalProperties: true }),
  }),
  async handler({ params, svc }) {
    const [summary, db] = await Promise.all([packQueueSummary(svc.queue, params.queue), svc.queue.backendInfo()]);
    return { ...summary, qualifiedName: `${svc.config.redisPrefix}queue:${params.queue}`, db };
  },
});
