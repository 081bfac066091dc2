import type { Kysely, Transaction } from 'kysely';
import type { DB, FollowingRow, FollowRequestRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';
import { homeTimelineWrites } from '../timelines/home-timeline.repo.js';

type Tx = Kysely<DB> | Transaction<DB>;

/** Writes and lists of follows and follow requests; counters move in the same transaction. No rules. */
export class FollowsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findFollowing(followerId: string, followeeId: string): Promise<FollowingRow | undefined> {
    return this.db.selectFrom('following').selectAll().where('followerId', '=', followerId).where('followeeId', '=', followeeId).executeTakeFirst();
  }

  findRequest(followerId: string, followeeId: string): Promise<FollowRequestRow | undefined> {
    return this.db.selectFrom('follow_request').selectAll().where('followerId', '=', followerId).where('followeeId', '=', followeeId).executeTakeFirst();
  }

  /** Inserts the follow, bumps both counters and drops a pending request between the two, atomically. */
  async insertFollowing(row: FollowingRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('following').values(row).execute();
      await trx.deleteFrom('follow_request').where('followerId', '=', row.followerId).where('followeeId', '=', row.followeeId).execute();
      await bump(trx, row.followerId, row.followeeId, 1);
      if (row.followerHost === null) await homeTimelineWrites.addFollow(trx, row.followerId, row.followeeId);
    });
  }

  /** Deletes the follow and lowers both counters; false when there was none. */
  async deleteFollowing(followerId: string, followeeId: string, tx: Tx = this.db): Promise<boolean> {
    const run = async (trx: Tx) => {
      const res = await trx.deleteFrom('following').where('followerId', '=', followerId).where('followeeId', '=', followeeId).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await bump(trx, followerId, followeeId, -1);
      await homeTimelineWrites.removeFollow(trx, followerId, followeeId);
      return true;
    };
    return tx === this.db ? this.db.transaction().execute(run) : run(tx);
  }

  async updateFollowing(followerId: string, followeeId: string | null, patch: { notify?: 'normal' | 'none'; withReplies?: boolean }): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    let q = this.db.updateTable('following').set(patch).where('followerId', '=', followerId);
    if (followeeId !== null) q = q.where('followeeId', '=', followeeId);
    await q.execute();
  }

  async insertRequest(row: FollowRequestRow): Promise<void> {
    await this.db.insertInto('follow_request').values(row).execute();
  }

  /** Deletes a pending request; false when there was none. */
  async deleteRequest(followerId: string, followeeId: string, tx: Tx = this.db): Promise<boolean> {
    const res = await tx.deleteFrom('follow_request').where('followerId', '=', followerId).where('followeeId', '=', followeeId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Requests received (`side` = followeeId) or sent (`side` = followerId) by `userId`, paged by id. */
  listRequests(side: 'followeeId' | 'followerId', userId: string, page: PageParams): Promise<FollowRequestRow[]> {
    return paginate(this.db.selectFrom('follow_request').selectAll().where(side, '=', userId), 'id', page).execute();
  }

  /** Follows where `userId` is the follower (`side` = followerId) or the followee, paged by id. */
  listFollowings(side: 'followeeId' | 'followerId', userId: string, page: PageParams): Promise<FollowingRow[]> {
    return paginate(this.db.selectFrom('following').selectAll().where(side, '=', userId), 'id', page).execute();
  }
}

/** Moves follower.followingCount and followee.followersCount together. */
async function bump(trx: Tx, followerId: string, followeeId: string, by: 1 | -1): Promise<void> {
  await trx.updateTable('user').set((eb) => ({ followingCount: eb('followingCount', '+', by) })).where('id', '=', followerId).execute();
  await trx.updateTable('user').set((eb) => ({ followersCount: eb('followersCount', '+', by) })).where('id', '=', followeeId).execute();
}
