import type { Kysely } from 'kysely';
import { fromJson } from '../../infra/db/dialect.js';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, UserRow } from '../../infra/db/schema.js';
import { sha256Hex } from '../../lib/secure.js';
import { DomainError } from '../errors.js';
import type { UserCache } from '../users/user-cache.js';
import type { SigninsRepo } from './signins.repo.js';

/** An access token as the API pipeline needs it (never the secret itself). */
export interface AccessTokenInfo {
  id: string;
  permission: readonly string[];
  appId: string | null;
}

/** Who is calling: the user and, unless the native token was used, the access token. */
export interface Credential {
  user: UserRow;
  /** null when the user's own (native) token was used: all permissions, `secure` endpoints allowed. */
  accessToken: AccessTokenInfo | null;
}

/** A native token is exactly 16 characters (Misskey's rule); access tokens are longer. */
const NATIVE_TOKEN_LENGTH = 16;
/** How often, at most, an access token's lastUsedAt is written. */
const LAST_USED_RESOLUTION_MS = 60_000;

// Every call of an application authenticates with it, so it is compiled once (see precompiled.ts).
const accessTokenByHash = precompiled((db, hash: string) => db.selectFrom('access_token').selectAll().where('tokenHash', '=', hash));

/** Turns a token string into a Credential. */
export class AuthService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly users: UserCache,
    private readonly sessions: SigninsRepo,
  ) {}

  /** Resolves a token; throws DomainError('auth.failed') when no account owns it. The user comes from the user cache. */
  async authenticate(token: string): Promise<Credential> {
    // Tokens are looked up by their sha256, so the comparison is on a hash, not on the secret.
    const hash = sha256Hex(token);
    if (token.length === NATIVE_TOKEN_LENGTH) {
      const user = (await this.users.findByTokenHash(hash))?.user ?? (await this.#userOfSession(hash));
      if (!user || user.isDeleted) throw new DomainError('auth.failed');
      return { user, accessToken: null };
    }
    const [row] = await accessTokenByHash(this.db, hash);
    if (!row) throw new DomainError('auth.failed');
    const user = (await this.users.findById(row.userId))?.user;
    if (!user || user.isDeleted) throw new DomainError('auth.failed');
    const now = Date.now();
    if (row.lastUsedAt === null || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      await this.db.updateTable('access_token').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
    }
    return { user, accessToken: { id: row.id, permission: fromJson<string[]>(row.permission, []), appId: row.appId } };
  }

  // A sign-in session's token is a native token too (see SigninService).
  async #userOfSession(hash: string): Promise<UserRow | undefined> {
    const session = await this.sessions.findLiveSession(hash, Date.now());
    return session ? (await this.users.findById(session.userId))?.user : undefined;
  }
}
