import { Type } from '@sinclair/typebox';
import { delayedByHost } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { NoParams } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'admin/queue/deliver-delayed',
  tags: ['admin'],
  description: 'Delayed jobs of the deliver queue counted per remote host, most first.',
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: NoParams,
  res: Type.Array(Type.Tuple([Type.String(), Type.Integer()])),
  async handler({ svc }) {
    // The host comes from a delivery job's target inbox URL.
    return delayedByHost(svc.queue, 'deliver', (data) => (data as { to?: unknown } | null)?.to);
  },
});
