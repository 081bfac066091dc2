import { Type } from '@sinclair/typebox';
import { NotificationPacker, notesReadIn } from '../../entities/notification-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';
import { NOTIFICATION_LIST_LIMIT, NotificationListParams } from '../../schemas/notifications.js';

export default defineEndpoint({
  name: 'i/notifications',
  tags: ['account', 'notifications'],
  description: "The caller's notifications, newest first; by default marks them all read.",
  credential: 'required',
  permission: 'read:notifications',
  limit: NOTIFICATION_LIST_LIMIT,
  params: NotificationListParams,
  res: Type.Array(Ref('Notification')),
  async handler({ params, me, svc }) {
    const rows = await svc.notifications.read(me.id, { ...params, limit: params.limit ?? 10 });
    const packed = await new NotificationPacker(svc).packMany(rows, me);
    await svc.noteUnreads.read(me.id, notesReadIn(packed));
    return packed;
  },
});
