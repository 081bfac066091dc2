import type { Generated, Selectable } from 'kysely';

/**
 * The database tables as Kysely sees them. Column names are Misskey's field names.
 * Timestamps are epoch milliseconds; JSON values are stored as text (see dialect.ts).
 * Boolean columns must also be listed in BOOLEAN_COLUMNS so SQLite's 0/1 reads back as booleans.
 */
export interface DB {
  meta: MetaTable;
  user: UserTable;
  user_profile: UserProfileTable;
  access_token: AccessTokenTable;
}

export interface MetaTable {
  id: string;
  /** JSON object of the settings that differ from the defaults in domain/instance/meta.ts. */
  data: string;
  updatedAt: number;
}

export interface UserTable {
  id: string;
  username: string;
  usernameLower: string;
  /** null for local users. */
  host: string | null;
  name: string | null;
  /** sha256 hex of the native token; null for remote users. */
  tokenHash: string | null;
  createdAt: number;
  updatedAt: number | null;
  lastActiveDate: number | null;
  isRoot: boolean;
  isAdmin: boolean;
  isModerator: boolean;
  isSuspended: boolean;
  isLocked: boolean;
  isBot: boolean;
  isCat: boolean;
  isExplorable: boolean;
  isDeleted: boolean;
  hideOnlineStatus: boolean;
  avatarId: string | null;
  bannerId: string | null;
  followersCount: Generated<number>;
  followingCount: Generated<number>;
  notesCount: Generated<number>;
}

export interface UserProfileTable {
  userId: string;
  /** argon2id (or imported bcrypt) hash; null for remote users. */
  password: string | null;
  email: string | null;
  emailVerified: boolean;
  description: string | null;
  location: string | null;
  birthday: string | null;
  lang: string | null;
  /** JSON [{name, value}]. */
  fields: string;
  /** JSON object of user preferences (mutedWords, notificationRecieveConfig, …). */
  settings: string;
}

export interface AccessTokenTable {
  id: string;
  userId: string;
  /** sha256 hex of the token as the client sends it. */
  tokenHash: string;
  /** MiAuth session id, when issued through MiAuth. */
  session: string | null;
  /** Whether the MiAuth session's token was already handed out by /api/miauth/:session/check. */
  fetched: boolean;
  appId: string | null;
  name: string | null;
  description: string | null;
  iconUrl: string | null;
  /** JSON array of permission kinds. */
  permission: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export type UserRow = Selectable<UserTable>;
export type UserProfileRow = Selectable<UserProfileTable>;
export type AccessTokenRow = Selectable<AccessTokenTable>;

/** Every boolean column name (in any table); SQLite returns them as 0/1 and they are converted back on read. */
export const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set([
  'isRoot', 'isAdmin', 'isModerator', 'isSuspended', 'isLocked', 'isBot', 'isCat', 'isExplorable', 'isDeleted',
  'hideOnlineStatus', 'emailVerified', 'fetched',
]);
