import { Type } from '@sinclair/typebox';
import { QUEUE_NAMES } from '../../../../infra/queue/queue.js';
import { packQueueSummary } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { NoParams, Ref } from '../../../schemas/common.js';
import { QueueNameParam } from '../../../schemas/queue.js';

export default defineEndpoint({
  name: 'admin/queue/queues',
  tags: ['admin'],
  description: 'Every job queue with its counts per state, pause state and per-minute metrics.',
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: NoParams,
  res: Type.Array(
    Type.Object({
      name: QueueNameParam,
      counts: Type.Record(Type.String(), Type.Integer()),
      isPaused: Type.Boolean(),
      metrics: Type.Object({ completed: Ref('QueueMetrics'), failed: Ref('QueueMetrics') }),
    }),
  ),
  async handler({ svc }) {
    return Promise.all(QUEUE_NAMES.map((name) => packQueueSummary(svc.queue, name)));
  },
});
