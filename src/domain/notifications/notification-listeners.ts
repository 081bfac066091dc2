import { fromJson } from '../../infra/db/dialect.js';
import type { DomainEventHub } from '../events.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { NoteNotifier } from './note-notifier.js';
import type { NotificationsService } from './notifications.service.js';

/** What the listeners need besides the notifications service. */
export interface NotificationListenerDeps {
  events: DomainEventHub;
  notifications: NotificationsService;
  users: UsersRepo;
  notes: NoteNotifier;
}

/**
 * Turns domain events into notifications, with Misskey's choice of who is notified of what.
 * Returns a function that removes every listener.
 */
export function registerNotificationListeners({ events, notifications, users, notes }: NotificationListenerDeps): () => void {
  const offs = [
    events.on('follow.created', ({ followerId, followeeId }) => notifications.create(followeeId, 'follow', {}, followerId).then(noop)),
    events.on('followRequest.created', ({ followerId, followeeId }) =>
      notifications.create(followeeId, 'receiveFollowRequest', {}, followerId).then(noop)),
    events.on('followRequest.accepted', async ({ followerId, followeeId }) => {
      const profile = await users.findProfile(followeeId);
      const message = fromJson<{ followedMessage?: string | null }>(profile?.settings, {}).followedMessage ?? null;
      await notifications.create(followerId, 'followRequestAccepted', { message }, followeeId);
    }),
    events.on('signin.succeeded', ({ userId }) => notifications.create(userId, 'login', {}).then(noop)),
    events.on('token.created', ({ userId }) => notifications.create(userId, 'createToken', {}).then(noop)),
    events.on('reaction.created', ({ noteId, noteUserId, userId, reaction }) =>
      notifications.create(noteUserId, 'reaction', { noteId, reaction }, userId).then(noop)),
    events.on('note.created', ({ note }) => notes.noteCreated(note)),
  ];
  return () => offs.forEach((off) => off());
}

function noop(): void {}
