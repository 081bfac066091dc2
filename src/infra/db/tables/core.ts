import type { Generated, Selectable } from 'kysely';

/** Instance settings, accounts and tokens. */
export interface CoreTables {
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
  /** JSON string[] of the URIs of the user's other accounts (i/update alsoKnownAs); null = none. */
  alsoKnownAs: string | null;
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


export const CORE_BOOLEAN_COLUMNS = [
  'isRoot', 'isAdmin', 'isModerator', 'isSuspended', 'isLocked', 'isBot', 'isCat', 'isExplorable', 'isDeleted',
  'hideOnlineStatus', 'emailVerified', 'fetched',
];
