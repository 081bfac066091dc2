import { AUTH_BOOLEAN_COLUMNS, type AuthTables } from './tables/auth.js';
import { AVATAR_DECORATIONS_BOOLEAN_COLUMNS, type AvatarDecorationsTables } from './tables/avatar-decorations.js';
import { CORE_BOOLEAN_COLUMNS, type CoreTables } from './tables/core.js';
import { DRIVE_BOOLEAN_COLUMNS, type DriveTables } from './tables/drive.js';
import type { HomeTimelineTables } from './tables/home-timeline.js';
import { NOTIFICATIONS_BOOLEAN_COLUMNS, type NotificationsTables } from './tables/notifications.js';
import { NOTE_UNREADS_BOOLEAN_COLUMNS, type NoteUnreadsTables } from './tables/note-unreads.js';
import { NOTES_BOOLEAN_COLUMNS, type NotesTables } from './tables/notes.js';
import { QUEUE_BOOLEAN_COLUMNS, type QueueTables } from './tables/queue.js';
import type { RegistryTables } from './tables/registry.js';
import { SOCIAL_BOOLEAN_COLUMNS, type SocialTables } from './tables/social.js';
import { SOCIAL_LISTS_BOOLEAN_COLUMNS, type SocialListsTables } from './tables/social-lists.js';

export type * from './tables/auth.js';
export type * from './tables/avatar-decorations.js';
export type * from './tables/core.js';
export type * from './tables/drive.js';
export type * from './tables/home-timeline.js';
export type * from './tables/notifications.js';
export type * from './tables/note-unreads.js';
export type * from './tables/notes.js';
export type * from './tables/queue.js';
export type * from './tables/registry.js';
export type * from './tables/social.js';
export type * from './tables/social-lists.js';

/**
 * The database as Kysely sees it: one interface per area in tables/, joined here.
 * Column names are Misskey's field names. Timestamps are epoch milliseconds; JSON values
 * are stored as text (see dialect.ts). Each area also lists its boolean columns, so that
 * SQLite's 0/1 reads back as booleans.
 */
export interface DB extends CoreTables, DriveTables, NotificationsTables, AuthTables, SocialTables, SocialListsTables, QueueTables, RegistryTables, NotesTables, NoteUnreadsTables, HomeTimelineTables, AvatarDecorationsTables {}

/** Every boolean column name (in any table). */
export const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set([...CORE_BOOLEAN_COLUMNS, ...DRIVE_BOOLEAN_COLUMNS, ...NOTIFICATIONS_BOOLEAN_COLUMNS, ...AUTH_BOOLEAN_COLUMNS, ...SOCIAL_BOOLEAN_COLUMNS, ...SOCIAL_LISTS_BOOLEAN_COLUMNS, ...QUEUE_BOOLEAN_COLUMNS, ...NOTES_BOOLEAN_COLUMNS, ...NOTE_UNREADS_BOOLEAN_COLUMNS, ...AVATAR_DECORATIONS_BOOLEAN_COLUMNS]);
