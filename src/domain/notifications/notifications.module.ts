import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import type { DomainEventHub } from '../events.js';
import { RelationsRepo } from '../social/relations.repo.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import { NoteNotifier } from './note-notifier.js';
import { registerNotificationListeners } from './notification-listeners.js';
import { NotificationsService } from './notifications.service.js';

/** The notification services, with their domain-event listeners already registered on `events`. */
export function createNotifications(db: Kysely<DB>, users: UsersRepo, ids: IdGenerator, events: DomainEventHub, viewerRelations: ViewerRelationsCache) {
  const relations = new RelationsRepo(db);
  const notifications = new NotificationsService(db, users, relations, viewerRelations, ids, events);
  const noteNotifier = new NoteNotifier(db, notifications, relations, events);
  registerNotificationListeners({ events, notifications, users, notes: noteNotifier });
  return { notifications, noteNotifier };
}
