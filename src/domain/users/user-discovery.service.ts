import type { UserRow } from '../../infra/db/schema.js';
import type { MetaService } from '../instance/meta.service.js';
import { parseAcct } from './acct.js';
import type { SearchOrigin, UserDiscoveryRepo } from './user-discovery.repo.js';
import { USERNAME_PATTERN } from './users.service.js';

const DAY = 24 * 60 * 60 * 1000;
/** users/search leaves out accounts not updated for this long (Misskey: 30 days). */
const SEARCH_ACTIVE_MS = 30 * DAY;
/** users/recommendation offers only accounts updated this recently (Misskey: 7 days). */
const RECOMMEND_ACTIVE_MS = 7 * DAY;

/** What users/search takes, after validation. */
export interface UserSearchQuery {
  query: string;
  origin: SearchOrigin;
  limit: number;
  offset: number;
}

// compat: Misskey measures activity by user.updatedAt, which it also bumps on every new
// note; Tsubame bumps it on profile updates only, so a user who only posts ages out.

/** Finding people: search, recommendations and the instance's pinned users. */
export class UserDiscoveryService {
  constructor(
    private readonly repo: UserDiscoveryRepo,
    private readonly meta: MetaService,
    private readonly localHost: () => string,
  ) {}

  /**
   * Misskey's users/search: `@prefix` matches usernames by prefix; other text matches names
   * (and usernames, when the text could be one) and, to fill the page, profile descriptions.
   */
  async search(q: UserSearchQuery, now: number = Date.now()): Promise<UserRow[]> {
    const text = q.query.trim();
    const page = { origin: q.origin, activeSince: now - SEARCH_ACTIVE_MS, limit: q.limit, offset: q.offset };
    if (text.startsWith('@')) return this.repo.byUsernamePrefix(text.slice(1), page);
    const found = await this.repo.byNameOrUsername(text, USERNAME_PATTERN.test(text), page);
    if (found.length >= q.limit) return found;
    // compat: Misskey appends description matches with the same offset and may list a user
    // twice; we skip users already on the page.
    const seen = new Set(found.map((u) => u.id));
    const byDescription = await this.repo.byDescription(text, page);
    return [...found, ...byDescription.filter((u) => !seen.has(u.id))].slice(0, q.limit);
  }

  /** Local users `me` might follow, most followed first (Misskey's users/recommendation). */
  recommend(me: Pick<UserRow, 'id'>, limit: number, offset: number, now: number = Date.now()): Promise<UserRow[]> {
    return this.repo.recommendedFor(me.id, now - RECOMMEND_ACTIVE_MS, now, limit, offset);
  }

  /** The accounts of the `pinnedUsers` setting that exist, in the setting's order. */
  async pinned(): Promise<UserRow[]> {
    const { pinnedUsers } = await this.meta.get();
    const accts = pinnedUsers.map((text) => {
      const acct = parseAcct(text);
      // An address with this server's own host names a local account.
      return acct.host !== null && acct.host.toLowerCase() === this.localHost().toLowerCase() ? { ...acct, host: null } : acct;
    });
    const users = await this.repo.findByAccts(accts);
    const key = (username: string, host: string | null) => `${username.toLowerCase()}@${host?.toLowerCase() ?? ''}`;
    const byAcct = new Map(users.map((u) => [key(u.username, u.host), u]));
    return accts.map((a) => byAcct.get(key(a.username, a.host))).filter((u): u is UserRow => u !== undefined);
  }
}
