import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { QueueNameParam } from '../../../schemas/queue.js';

export default defineEndpoint({
  name: 'admin/queue/retry-job',
  tags: ['admin'],
  description: 'Runs a failed or completed job again, or a delayed job now. An unknown job is ignored, as on Misskey.',
  credential: 'required',
  role: 'moderator',
  permission: 'write:admin:queue',
  params: Type.Object({ queue: QueueNameParam, jobId: Type.String() }),
  res: null,
  async handler({ params, svc }) {
    await svc.queue.retry(params.queue, params.jobId);
  },
});
