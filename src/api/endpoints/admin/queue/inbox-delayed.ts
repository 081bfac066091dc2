import { Type } from '@sinclair/typebox';
import { delayedByHost } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { NoParams } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'admin/queue/inbox-delayed',
  tags: ['admin'],
  description: 'Delayed jobs of the inbox queue counted per remote host, most first.',
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: NoParams,
  res: Type.Array(Type.Tuple([Type.String(), Type.Integer()])),
  async handler({ svc }) {
    // The host comes from the key id an incoming activity was signed with.
    return delayedByHost(svc.queue, 'inbox', (data) => (data as { signature?: { keyId?: unknown } } | null)?.signature?.keyId);
  },
});
