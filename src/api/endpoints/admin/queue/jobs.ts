import { Type } from '@sinclair/typebox';
import { packQueueJob } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Ref } from '../../../schemas/common.js';
import { QueueNameParam } from '../../../schemas/queue.js';

const STATES = ['active', 'wait', 'delayed', 'completed', 'failed', 'paused'] as const;
const RETURN_LIMIT = 100;
const SEARCH_WINDOW = 1000;

export default defineEndpoint({
  name: 'admin/queue/jobs',
  tags: ['admin'],
  description: 'Up to 100 jobs of a queue in the given states, newest first; `search` keeps jobs whose JSON contains every word.',
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: Type.Object({
    queue: QueueNameParam,
    state: Type.Array(Type.Union(STATES.map((s) => Type.Literal(s)))),
    search: Type.Optional(Type.String()),
  }),
  res: Type.Array(Ref('QueueJob')),
  async handler({ params, svc }) {
    if (!params.search) return (await svc.queue.jobs(params.queue, params.state, RETURN_LIMIT)).map(packQueueJob);
    // As Misskey: look through the newest 1000 and match every word, case-insensitively.
    const words = params.search.toLowerCase().split(' ');
    const packed = (await svc.queue.jobs(params.queue, params.state, SEARCH_WINDOW)).map(packQueueJob);
    return packed.filter((job) => words.every((w) => JSON.stringify(job).toLowerCase().includes(w))).slice(0, RETURN_LIMIT);
  },
});
