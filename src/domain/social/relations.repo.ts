import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/**
 * Read-only questions about the social graph that notes, timelines, notifications and
 * streaming all ask. Batched: each takes sets of ids and answers with one query.
 */
export class RelationsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('following')
      .select('id')
      .where('followerId', '=', followerId)
      .where('followeeId', '=', followeeId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Which of `userIds` does `followerId` follow. */
  async followedAmong(followerId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('following')
      .select('followeeId')
      .where('followerId', '=', followerId)
      .where('followeeId', 'in', [...new Set(userIds)])
      .execute();
    return new Set(rows.map((r) => r.followeeId));
  }

  /** Everyone `userId` follows. */
  async followeeIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('following').select('followeeId').where('followerId', '=', userId).execute();
    return rows.map((r) => r.followeeId);
  }

  /** Everyone who follows `userId`. */
  async followerIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('following').select('followerId').where('followeeId', '=', userId).execute();
    return rows.map((r) => r.followerId);
  }

  /** True when either user blocks the other. */
  async isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('blocking')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blockerId', '=', a), eb('blockeeId', '=', b)]),
          eb.and([eb('blockerId', '=', b), eb('blockeeId', '=', a)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Users who block `userId` (their notes are hidden from `userId`). */
  async blockerIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('blocking').select('blockerId').where('blockeeId', '=', userId).execute();
    return rows.map((r) => r.blockerId);
  }

  /** Users `userId` blocks. */
  async blockeeIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('blocking').select('blockeeId').where('blockerId', '=', userId).execute();
    return rows.map((r) => r.blockeeId);
  }

  /** Users `userId` mutes now (expired mutes excluded). */
  async mutedUserIds(userId: string, now: number = Date.now()): Promise<string[]> {
    const rows = await this.db
      .selectFrom('muting')
      .select('muteeId')
      .where('muterId', '=', userId)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .execute();
    return rows.map((r) => r.muteeId);
  }

  /** Users whose renotes `userId` muted. */
  async renoteMutedUserIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('renote_muting').select('muteeId').where('muterId', '=', userId).execute();
    return rows.map((r) => r.muteeId);
  }
}
