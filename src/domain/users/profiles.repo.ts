import { sql, type Kysely, type Updateable } from 'kysely';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, UserImageRow, UserProfileTable, UserRow, UserTable } from '../../infra/db/schema.js';
import { likeEscape } from './user-discovery.repo.js';

// One user's images (`i`, users/show) on every call: compiled once (see precompiled.ts).
const imagesOf = precompiled((db, userId: string) => db.selectFrom('user_image').selectAll().where('userId', '=', userId));

/** Queries behind profiles, memos and user search; no rules. */
export class ProfilesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** `userId`'s memos about each of `targetIds`, keyed by target. */
  async findMemos(userId: string, targetIds: readonly string[]): Promise<Map<string, string>> {
    if (targetIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('user_memo')
      .select(['targetUserId', 'memo'])
      .where('userId', '=', userId)
      .where('targetUserId', 'in', [...new Set(targetIds)])
      .execute();
    return new Map(rows.map((r) => [r.targetUserId, r.memo]));
  }

  /** Sets (or, with an empty memo, removes) `userId`'s memo about `targetUserId`. */
  async setMemo(id: string, userId: string, targetUserId: string, memo: string): Promise<void> {
    if (memo === '') {
      await this.db.deleteFrom('user_memo').where('userId', '=', userId).where('targetUserId', '=', targetUserId).execute();
      return;
    }
    await this.db
      .insertInto('user_memo')
      .values({ id, userId, targetUserId, memo })
      .onConflict((oc) => oc.columns(['userId', 'targetUserId']).doUpdateSet({ memo }))
      .execute();
  }

  /** Writes the given user, profile and image columns of one user, atomically. */
  async update(
    userId: string,
    user: Updateable<UserTable>,
    profile: Updateable<UserProfileTable>,
    images: Partial<Omit<UserImageRow, 'userId'>> = {},
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (Object.keys(user).length > 0) await trx.updateTable('user').set(user).where('id', '=', userId).execute();
      if (Object.keys(profile).length > 0) await trx.updateTable('user_profile').set(profile).where('userId', '=', userId).execute();
      if (Object.keys(images).length > 0) {
        await trx
          .insertInto('user_image')
          .values({ userId, avatarUrl: null, avatarBlurhash: null, bannerUrl: null, bannerBlurhash: null, ...images })
          .onConflict((oc) => oc.column('userId').doUpdateSet(images))
          .execute();
      }
    });
  }

  /** Avatar and banner URLs of the given users, keyed by user id (users without images are absent). */
  async findImages(userIds: readonly string[]): Promise<Map<string, UserImageRow>> {
    if (userIds.length === 0) return new Map();
    if (userIds.length === 1) {
      const [row] = await imagesOf(this.db, userIds[0]!);
      return new Map(row ? [[row.userId, row]] : []);
    }
    const rows = await this.db.selectFrom('user_image').selectAll().where('userId', 'in', [...new Set(userIds)]).execute();
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** Non-suspended users whose username (or name) starts with / contains `query`, most recently active first. */
  async search(opts: { query: string; host?: string | null; withName: boolean; limit: number; offset: number }): Promise<UserRow[]> {
    const q = likeEscape(opts.query.toLowerCase());
    const byUsername = sql<boolean>`${sql.ref('usernameLower')} like ${q + '%'} escape '!'`;
    const byName = sql<boolean>`lower(${sql.ref('name')}) like ${'%' + q + '%'} escape '!'`;
    let query = this.db
      .selectFrom('user')
      .selectAll()
      .where('isSuspended', '=', false)
      .where('isDeleted', '=', false)
      .where((eb) => (opts.withName ? eb.or([byUsername, byName]) : byUsername));
    if (opts.host !== undefined) query = opts.host === null ? query.where('host', 'is', null) : query.where('host', '=', opts.host.toLowerCase());
    return query
      .orderBy(sql`coalesce(${sql.ref('lastActiveDate')}, 0)`, 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute();
  }
}
