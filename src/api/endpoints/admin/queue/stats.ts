import { Type } from '@sinclair/typebox';
import { packQueueCount } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { NoParams, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'admin/queue/stats',
  tags: ['admin'],
  description: 'Job counts of the deliver, inbox, db and objectStorage queues.',
  credential: 'required',
  role: 'moderator',
  // compat: Misskey declares this endpoint with the kind read:admin:emoji (not read:admin:queue); we match it.
  permission: 'read:admin:emoji',
  params: NoParams,
  res: Type.Object({ deliver: Ref('QueueCount'), inbox: Ref('QueueCount'), db: Ref('QueueCount'), objectStorage: Ref('QueueCount') }),
  async handler({ svc }) {
    const [deliver, inbox, db, objectStorage] = await Promise.all(
      (['deliver', 'inbox', 'db', 'objectStorage'] as const).map(async (q) => packQueueCount(await svc.queue.counts(q))),
    );
    return { deliver: deliver!, inbox: inbox!, db: db!, objectStorage: objectStorage! };
  },
});
