import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { AccessTokenRow, DB } from '../../infra/db/schema.js';
import type { Kv } from '../../infra/kv/kv.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { randomToken, sha256Hex } from '../../lib/secure.js';
import type { DomainEventHub } from '../events.js';

/** What an issued access token is for. */
export interface NewAccessToken {
  userId: string;
  /** MiAuth session id; null for a token made by hand in Settings > API. */
  session: string | null;
  name?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  permission: readonly string[];
  /** The legacy app it belongs to. */
  appId?: string | null;
  /** The token itself, when the caller chose it (legacy and OAuth flows); random 32 chars otherwise. */
  token?: string;
  /** What the client sends, when it is not the token itself (legacy apps send sha256(token + secret)). */
  presented?: string;
}

/** A token as its owner sees it in Settings > API (never the secret). */
export interface AccessTokenInfoRow {
  id: string;
  name: string | null;
  description: string | null;
  iconUrl: string | null;
  permission: string[];
  appId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

/** How long an application has to fetch a MiAuth token with `miauth/:session/check`. */
export const MIAUTH_SESSION_TTL_MS = 15 * 60 * 1000;

/** Issues, lists and revokes access tokens (MiAuth, Settings > API, legacy apps, OAuth). */
export class AccessTokensService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly kv: Kv,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** Stores a new token (hashed) and returns it; this is the only time it is visible. */
  async issue(input: NewAccessToken): Promise<{ id: string; token: string }> {
    const token = input.token ?? randomToken(32);
    const now = Date.now();
    const id = this.ids.gen(now);
    await this.db
      .insertInto('access_token')
      .values({
        id,
        userId: input.userId,
        tokenHash: sha256Hex(input.presented ?? token),
        session: input.session,
        fetched: false,
        appId: input.appId ?? null,
        name: input.name ?? null,
        description: input.description ?? null,
        iconUrl: input.iconUrl ?? null,
        permission: toJson(input.permission),
        createdAt: now,
        lastUsedAt: null,
      })
      .execute();
    // The application fetches a MiAuth token once, within a short time; only then is it readable.
    if (input.session !== null) {
      await this.kv.set(`miauth:${input.session}`, JSON.stringify({ id, token, userId: input.userId }), MIAUTH_SESSION_TTL_MS);
    }
    this.events.emit('token.created', { userId: input.userId, tokenId: id });
    return { id, token };
  }

  /**
   * Hands out the token of an accepted MiAuth session, once: undefined before acceptance,
   * for an unknown or expired session, and after the first successful call.
   */
  async claimMiAuth(session: string): Promise<{ token: string; userId: string } | undefined> {
    const key = `miauth:${session}`;
    const stored = await this.kv.get(key);
    if (stored === undefined) return undefined;
    // Two concurrent checks must not both receive the token.
    if (!(await this.kv.setIfAbsent(`${key}:claimed`, '1', MIAUTH_SESSION_TTL_MS))) return undefined;
    await this.kv.del(key);
    const pending = JSON.parse(stored) as { id: string; token: string; userId: string };
    const updated = await this.db.updateTable('access_token').set({ fetched: true }).where('id', '=', pending.id).executeTakeFirst();
    // A token revoked before the application fetched it is gone for good.
    if (Number(updated.numUpdatedRows) === 0) return undefined;
    return { token: pending.token, userId: pending.userId };
  }

  /** The user's tokens, newest first unless `sort` says otherwise. */
  async list(userId: string, sort: '+createdAt' | '-createdAt' | '+lastUsedAt' | '-lastUsedAt' = '+createdAt'): Promise<AccessTokenInfoRow[]> {
    const column = sort.endsWith('lastUsedAt') ? 'lastUsedAt' : 'createdAt';
    // compat: Misskey's "+" means descending here (newest first), "-" ascending.
    const direction = sort.startsWith('+') ? 'desc' : 'asc';
    const rows = await this.db
      .selectFrom('access_token')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy(column, direction)
      .orderBy('id', direction)
      .execute();
    return rows.map(toInfo);
  }

  /** Deletes one of the user's tokens by id; true when one was deleted. */
  async revokeById(userId: string, tokenId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('access_token').where('id', '=', tokenId).where('userId', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Deletes one of the user's tokens by its secret; true when one was deleted. */
  async revokeBySecret(userId: string, token: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('access_token')
      .where('tokenHash', '=', sha256Hex(token))
      .where('userId', '=', userId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Deletes a token by id, whoever owns it (a reused OAuth code revokes what it produced). */
  async revokeTokenId(tokenId: string): Promise<void> {
    await this.db.deleteFrom('access_token').where('id', '=', tokenId).execute();
  }

  /** Deletes every token the user gave to a legacy app. */
  async revokeApp(userId: string, appId: string): Promise<void> {
    await this.db.deleteFrom('access_token').where('userId', '=', userId).where('appId', '=', appId).execute();
  }

  /** Deletes every token of the user (account deletion). */
  async revokeAll(userId: string): Promise<void> {
    await this.db.deleteFrom('access_token').where('userId', '=', userId).execute();
  }
}

function toInfo(row: AccessTokenRow): AccessTokenInfoRow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    iconUrl: row.iconUrl,
    permission: fromJson<string[]>(row.permission, []),
    appId: row.appId,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}
