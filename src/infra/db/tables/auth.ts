import type { Selectable } from 'kysely';

/** sign-in records, invitations, used usernames, sign-in sessions and legacy apps. */
export interface AuthTables {
  signin: SigninTable;
  registration_ticket: RegistrationTicketTable;
  used_username: UsedUsernameTable;
  login_session: LoginSessionTable;
  app: AppTable;
  auth_session: AuthSessionTable;
}

export interface SigninTable {
  id: string;
  createdAt: number;
  userId: string;
  ip: string;
  /** JSON object of the request headers (without cookies and credentials). */
  headers: string;
  success: boolean;
}

/** An invitation code (Misskey's registration ticket). */
export interface RegistrationTicketTable {
  id: string;
  createdAt: number;
  code: string;
  expiresAt: number | null;
  createdById: string | null;
  usedById: string | null;
  usedAt: number | null;
}

/** Usernames that were once taken; they are never given out again. */
export interface UsedUsernameTable {
  /** Lower-cased. */
  username: string;
  createdAt: number;
}

/**
 * One sign-in (signin-flow or the web sign-in page): a 16-character native token whose sha256 is
 * kept here. It acts as the account's native token until signed out, expired or regenerated.
 */
export interface LoginSessionTable {
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** An application of the legacy authentication flow (app/create). */
export interface AppTable {
  id: string;
  createdAt: number;
  /** The account that created it, when created with a credential. */
  userId: string | null;
  name: string;
  description: string;
  /** JSON array of permission kinds. */
  permission: string;
  callbackUrl: string | null;
  /** sha256 hex of the app secret; the secret itself is shown once, by app/create. */
  secretHash: string;
}

/** A legacy authentication session (auth/session/generate → auth/accept → auth/session/userkey). */
export interface AuthSessionTable {
  id: string;
  createdAt: number;
  /** The session token in the consent URL (a UUID, not a credential by itself). */
  token: string;
  appId: string;
  /** Who accepted it; null while pending. */
  userId: string | null;
}

export type SigninRow = Selectable<SigninTable>;
export type RegistrationTicketRow = Selectable<RegistrationTicketTable>;
export type LoginSessionRow = Selectable<LoginSessionTable>;
export type AppRow = Selectable<AppTable>;
export type AuthSessionRow = Selectable<AuthSessionTable>;

export const AUTH_BOOLEAN_COLUMNS = ['success'];
