import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB, UserRow } from '../../infra/db/schema.js';

/** Which accounts a search covers: local, remote or both (Misskey's `origin`). */
export type SearchOrigin = 'local' | 'remote' | 'combined';

/** One page of a user search. */
export interface SearchPage {
  origin: SearchOrigin;
  /** Users whose updatedAt is older than this are left out (null updatedAt counts as active). */
  activeSince: number;
  limit: number;
  offset: number;
}

type UserQuery = SelectQueryBuilder<DB, 'user', UserRow>;

/** Queries behind users/search, users/recommendation and pinned-users; no rules. */
export class UserDiscoveryRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Users whose username starts with `prefix` (case-insensitive), most recently updated first. */
  byUsernamePrefix(prefix: string, page: SearchPage): Promise<UserRow[]> {
    return this.#searchPage(
      this.#searchable(page).where(sql<boolean>`${sql.ref('usernameLower')} like ${likeEscape(prefix.toLowerCase()) + '%'} escape '!'`),
      page,
    );
  }

  /** Users whose name contains `text` (or, with `inUsername`, whose username does), most recently updated first. */
  byNameOrUsername(text: string, inUsername: boolean, page: SearchPage): Promise<UserRow[]> {
    const pattern = '%' + likeEscape(text.toLowerCase()) + '%';
    const byName = sql<boolean>`lower(${sql.ref('user.name')}) like ${pattern} escape '!'`;
    const byUsername = sql<boolean>`${sql.ref('usernameLower')} like ${pattern} escape '!'`;
    return this.#searchPage(
      this.#searchable(page).where((eb) => (inUsername ? eb.or([byName, byUsername]) : byName)),
      page,
    );
  }

  /** Users whose profile description contains `text`, most recently updated first. */
  byDescription(text: string, page: SearchPage): Promise<UserRow[]> {
    const pattern = '%' + likeEscape(text.toLowerCase()) + '%';
    return this.#searchPage(
      this.#searchable(page).where('user.id', 'in', (eb) =>
        eb.selectFrom('user_profile').select('user_profile.userId').where(sql<boolean>`lower(${sql.ref('user_profile.description')}) like ${pattern} escape '!'`),
      ),
      page,
    );
  }

  /**
   * Local, unlocked, explorable users updated since `activeSince`, other than `meId` and
   * those `meId` follows, mutes, blocks or is blocked by; most followed first.
   */
  recommendedFor(meId: string, activeSince: number, now: number, limit: number, offset: number): Promise<UserRow[]> {
    return this.db
      .selectFrom('user')
      .selectAll('user')
      .where('user.host', 'is', null)
      .where('user.isLocked', '=', false)
      .where('user.isExplorable', '=', true)
      .where('user.isSuspended', '=', false)
      .where('user.isDeleted', '=', false)
      .where('user.updatedAt', '>=', activeSince)
      .where('user.id', '!=', meId)
      .where('user.id', 'not in', (eb) => eb.selectFrom('following').select('followeeId').where('followerId', '=', meId))
      .where('user.id', 'not in', (eb) =>
        eb
          .selectFrom('muting')
          .select('muteeId')
          .where('muterId', '=', meId)
          .where((w) => w.or([w('expiresAt', 'is', null), w('expiresAt', '>', now)])),
      )
      .where('user.id', 'not in', (eb) => eb.selectFrom('blocking').select('blockeeId').where('blockerId', '=', meId))
      .where('user.id', 'not in', (eb) => eb.selectFrom('blocking').select('blockerId').where('blockeeId', '=', meId))
      .orderBy('user.followersCount', 'desc')
      .orderBy('user.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** The accounts named by `accts` (usernames compared case-insensitively; host null = local). */
  async findByAccts(accts: readonly { username: string; host: string | null }[]): Promise<UserRow[]> {
    if (accts.length === 0) return [];
    return this.db
      .selectFrom('user')
      .selectAll()
      .where((eb) =>
        eb.or(
          accts.map((a) =>
            eb.and([eb('usernameLower', '=', a.username.toLowerCase()), a.host === null ? eb('host', 'is', null) : eb('host', '=', a.host.toLowerCase())]),
          ),
        ),
      )
      .execute();
  }

  /** Non-suspended users of the page's origin, active since its threshold. */
  #searchable(page: SearchPage): UserQuery {
    let q = this.db
      .selectFrom('user')
      .selectAll('user')
      .where('user.isSuspended', '=', false)
      .where('user.isDeleted', '=', false)
      .where((eb) => eb.or([eb('user.updatedAt', 'is', null), eb('user.updatedAt', '>', page.activeSince)]));
    if (page.origin === 'local') q = q.where('user.host', 'is', null);
    if (page.origin === 'remote') q = q.where('user.host', 'is not', null);
    return q;
  }

  #searchPage(q: UserQuery, page: SearchPage): Promise<UserRow[]> {
    // Misskey orders by updatedAt DESC NULLS LAST; coalesce gives that order on both engines.
    return q
      .orderBy(sql`coalesce(${sql.ref('user.updatedAt')}, 0)`, 'desc')
      .orderBy('user.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }
}

/** Escapes LIKE wildcards with '!', the same way on SQLite and PostgreSQL. */
export function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (c) => '!' + c);
}
