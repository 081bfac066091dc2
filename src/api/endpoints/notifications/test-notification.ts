import { defineEndpoint } from '../../endpoint.js';
import { NoParams } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notifications/test-notification',
  tags: ['notifications'],
  description: 'Sends the caller a test notification.',
  credential: 'required',
  permission: 'write:notifications',
  limit: { duration: 60_000, max: 10 },
  params: NoParams,
  res: null,
  async handler({ me, svc }) {
    await svc.notifications.create(me.id, 'test', {});
  },
});
