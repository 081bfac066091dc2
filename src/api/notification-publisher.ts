import type { DomainEvents } from '../domain/events.js';
import type { NotificationRow } from '../infra/db/schema.js';
import type { Services } from '../services.js';
import { NotePacker } from './entities/note-packer.js';
import { NotificationPacker } from './entities/notification-packer.js';

/** How long a new notification may stay unread before `unreadNotification` fires (Misskey: 2 s; test: at once). */
const UNREAD_DELAY_MS = 2000;

/**
 * Publishes notification events on each recipient's main stream (`main:<userId>`):
 * `notification` at once, `unreadNotification` when still unread after a moment,
 * `readAllNotifications`, `notificationFlushed`, and the `mention`/`reply`/`renote`
 * events of new notes. Returns a function that stops it and cancels pending timers.
 */
export function startNotificationPublisher(svc: Services, onError: (err: unknown) => void): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const packer = new NotificationPacker(svc);
  const publish = (userId: string, type: string, body?: unknown) =>
    svc.bus.publish(`main:${userId}`, body === undefined ? { type } : { type, body });

  const onCreated = async (row: NotificationRow) => {
    const me = await svc.usersRepo.findById(row.notifieeId);
    if (!me) return;
    const [packed] = await packer.packMany([row], me);
    if (!packed) return;
    await publish(me.id, 'notification', packed);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void (async () => {
        if (await svc.notifications.isRead(me.id, row.id)) return;
        await publish(me.id, 'unreadNotification', packed);
      })().catch(onError);
    }, row.type === 'test' ? 0 : UNREAD_DELAY_MS);
    timer.unref();
    timers.add(timer);
  };

  // Misskey's NoteCreateService sends these three main events with the note, packed for each recipient here.
  const onAddressed = async ({ note, mentionedUserIds, replyUserId, renoteUserId }: DomainEvents['note.addressed']) => {
    const sends: [string, string][] = [
      ...mentionedUserIds.map((id): [string, string] => [id, 'mention']),
      ...(replyUserId ? [[replyUserId, 'reply'] as [string, string]] : []),
      ...(renoteUserId ? [[renoteUserId, 'renote'] as [string, string]] : []),
    ];
    if (sends.length === 0) return;
    const users = await svc.usersRepo.findManyByIds(sends.map(([id]) => id));
    const notes = new NotePacker(svc);
    for (const [userId, type] of sends) {
      const user = users.get(userId);
      if (user && user.host === null) await publish(userId, type, await notes.pack(note, user, { detail: true }));
    }
  };

  const offs = [
    svc.events.on('note.addressed', onAddressed),
    svc.events.on('notification.created', ({ notification }) => onCreated(notification)),
    svc.events.on('notification.readAll', ({ userId }) => publish(userId, 'readAllNotifications')),
    svc.events.on('notification.flushed', ({ userId }) => publish(userId, 'notificationFlushed')),
  ];
  return () => {
    offs.forEach((off) => off());
    timers.forEach((t) => clearTimeout(t));
    timers.clear();
  };
}
