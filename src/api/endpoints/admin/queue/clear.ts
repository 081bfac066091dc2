import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { QueueNameParam } from '../../../schemas/queue.js';

const STATES = ['*', 'completed', 'wait', 'active', 'paused', 'prioritized', 'delayed', 'failed'] as const;

export default defineEndpoint({
  name: 'admin/queue/clear',
  tags: ['admin'],
  description: "Deletes a queue's jobs in one state, or in every state with `*`.",
  credential: 'required',
  role: 'moderator',
  permission: 'write:admin:queue',
  params: Type.Object({ queue: QueueNameParam, state: Type.Union(STATES.map((s) => Type.Literal(s))) }),
  res: null,
  async handler({ params, svc }) {
    await svc.queue.clear(params.queue, params.state);
  },
});
