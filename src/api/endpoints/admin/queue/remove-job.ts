import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { QueueNameParam } from '../../../schemas/queue.js';

export default defineEndpoint({
  name: 'admin/queue/remove-job',
  tags: ['admin'],
  description: 'Deletes a job. An unknown job is ignored, as on Misskey.',
  credential: 'required',
  role: 'moderator',
  permission: 'write:admin:queue',
  params: Type.Object({ queue: QueueNameParam, jobId: Type.String() }),
  res: null,
  async handler({ params, svc }) {
    await svc.queue.remove(params.queue, params.jobId);
  },
});
