import { Type } from '@sinclair/typebox';
import { groupNotifications } from '../../../domain/notifications/grouping.js';
import { NotificationPacker, notesReadIn } from '../../entities/notification-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Ref } from '../../schemas/common.js';
import { NOTIFICATION_LIST_LIMIT, NotificationListParams } from '../../schemas/notifications.js';

export default defineEndpoint({
  name: 'i/notifications-grouped',
  tags: ['account', 'notifications'],
  description: "The caller's notifications with consecutive reactions to, and renotes of, one note grouped.",
  credential: 'required',
  permission: 'read:notifications',
  limit: NOTIFICATION_LIST_LIMIT,
  params: NotificationListParams,
  res: Type.Array(Ref('Notification')),
  async handler({ params, me, svc }) {
    const limit = params.limit ?? 10;
    const rows = await svc.notifications.read(me.id, { ...params, limit });
    const packed = await new NotificationPacker(svc).packGrouped(groupNotifications(rows, limit), me);
    await svc.noteUnreads.read(me.id, notesReadIn(packed));
    return packed;
  },
});
