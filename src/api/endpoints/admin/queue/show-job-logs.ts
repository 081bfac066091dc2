import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { QueueNameParam } from '../../../schemas/queue.js';

export default defineEndpoint({
  name: 'admin/queue/show-job-logs',
  tags: ['admin'],
  description: "A job's log lines.",
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: Type.Object({ queue: QueueNameParam, jobId: Type.String() }),
  res: Type.Array(Type.String()),
  async handler() {
    // compat: Misskey returns BullMQ's job.log lines; no job of ours writes any, so the list is always empty.
    return [];
  },
});
