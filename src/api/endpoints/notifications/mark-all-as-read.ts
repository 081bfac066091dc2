import { defineEndpoint } from '../../endpoint.js';
import { NoParams } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notifications/mark-all-as-read',
  tags: ['notifications', 'account'],
  description: "Marks all of the caller's notifications read.",
  credential: 'required',
  permission: 'write:notifications',
  params: NoParams,
  res: null,
  async handler({ me, svc }) {
    await svc.notifications.markAllAsRead(me.id, true);
  },
});
