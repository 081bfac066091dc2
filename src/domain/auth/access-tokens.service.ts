import type { Kysely } from 'kysely';
import { toJson } from '../../infra/db/dialect.js';
import type { DB } from '../../infra/db/schema.js';
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
}

/** Issues access tokens (MiAuth and Settings > API). */
export class AccessTokensService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** Stores a new token (hashed) and returns it; this is the only time it is visible. */
  async issue(input: NewAccessToken): Promise<{ id: string; token: string }> {
    const token = randomToken(32);
    const now = Date.now();
    const id = this.ids.gen(now);
    await this.db
      .insertInto('access_token')
      .values({
        id,
        userId: input.userId,
        tokenHash: sha256Hex(token),
        session: input.session,
        fetched: false,
        appId: null,
        name: input.name ?? null,
        description: input.description ?? null,
        iconUrl: input.iconUrl ?? null,
        permission: toJson(input.permission),
        createdAt: now,
        lastUsedAt: null,
      })
      .execute();
    this.events.emit('token.created', { userId: input.userId, tokenId: id });
    return { id, token };
  }
}
