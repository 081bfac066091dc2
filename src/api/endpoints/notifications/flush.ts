import { defineEndpoint } from '../../endpoint.js';
import { NoParams } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notifications/flush',
  tags: ['notifications', 'account'],
  description: "Deletes all of the caller's notifications.",
  credential: 'required',
  permission: 'write:notifications',
  params: NoParams,
  res: null,
  async handler({ me, svc }) {
    await svc.notifications.flush(me.id);
  },
});
