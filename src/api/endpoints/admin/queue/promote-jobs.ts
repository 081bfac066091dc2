import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { QueueNameParam } from '../../../schemas/queue.js';

export default defineEndpoint({
  name: 'admin/queue/promote-jobs',
  tags: ['admin'],
  description: 'Makes every delayed job of a queue due now.',
  credential: 'required',
  role: 'moderator',
  permission: 'write:admin:queue',
  params: Type.Object({ queue: QueueNameParam }),
  res: null,
  async handler({ params, svc }) {
    await svc.queue.promoteAll(params.queue);
  },
});
