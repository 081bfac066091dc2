import type { Selectable } from 'kysely';

/** Notifications and each user's "read up to" marker. */
export interface NotificationsTables {
  notification: NotificationTable;
  notification_read_marker: NotificationReadMarkerTable;
}

export interface NotificationTable {
  id: string;
  createdAt: number;
  /** Who receives it. */
  notifieeId: string;
  /** Who caused it; null for types without an actor (app, test, login, createToken, pollEnded …). */
  notifierId: string | null;
  /** One of misskey-js's notificationTypes. */
  type: string;
  /** The note it is about (note, mention, reply, renote, quote, reaction, pollEnded). */
  noteId: string | null;
  /** For renotes: the renoted note, so that i/notifications-grouped can group renotes of one note. */
  targetNoteId: string | null;
  reaction: string | null;
  /** followRequestAccepted: the followee's followedMessage at the time. */
  message: string | null;
  roleId: string | null;
  achievement: string | null;
  exportedEntity: string | null;
  fileId: string | null;
  /** app notifications (notifications/create). */
  appAccessTokenId: string | null;
  customBody: string | null;
  customHeader: string | null;
  customIcon: string | null;
}

export interface NotificationReadMarkerTable {
  userId: string;
  /** Every notification of the user with id ≤ this one is read. */
  readUpToId: string;
}

export type NotificationRow = Selectable<NotificationTable>;

export const NOTIFICATIONS_BOOLEAN_COLUMNS: string[] = [];
