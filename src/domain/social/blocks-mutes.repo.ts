import type { Kysely } from 'kysely';
import type { BlockingRow, DB, MutingRow, RenoteMutingRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';
import { homeTimelineWrites } from '../timelines/home-timeline.repo.js';

/** Writes and lists of blocks, mutes and renote mutes; no rules. */
export class BlocksMutesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Inserts a block and, in the same transaction, removes what a block forbids between the
   * two users: follows both ways (with their counters), follow requests and list memberships.
   * Returns the follows that were removed.
   */
  async insertBlocking(row: BlockingRow): Promise<{ followerId: string; followeeId: string }[]> {
    const { blockerId: a, blockeeId: b } = row;
    return this.db.transaction().execute(async (trx) => {
      await trx.insertInto('blocking').values(row).execute();
      const follows = await trx
        .selectFrom('following')
        .select(['followerId', 'followeeId'])
        .where((eb) => eb.or([eb.and([eb('followerId', '=', a), eb('followeeId', '=', b)]), eb.and([eb('followerId', '=', b), eb('followeeId', '=', a)])]))
        .execute();
      for (const f of follows) {
        await trx.deleteFrom('following').where('followerId', '=', f.followerId).where('followeeId', '=', f.followeeId).execute();
        await trx.updateTable('user').set((eb) => ({ followingCount: eb('followingCount', '-', 1) })).where('id', '=', f.followerId).execute();
        await trx.updateTable('user').set((eb) => ({ followersCount: eb('followersCount', '-', 1) })).where('id', '=', f.followeeId).execute();
        await homeTimelineWrites.removeFollow(trx, f.followerId, f.followeeId);
      }
      await trx
        .deleteFrom('follow_request')
        .where((eb) => eb.or([eb.and([eb('followerId', '=', a), eb('followeeId', '=', b)]), eb.and([eb('followerId', '=', b), eb('followeeId', '=', a)])]))
        .execute();
      await trx
        .deleteFrom('user_list_membership')
        .where((eb) => eb.or([eb.and([eb('userListUserId', '=', a), eb('userId', '=', b)]), eb.and([eb('userListUserId', '=', b), eb('userId', '=', a)])]))
        .execute();
      return follows;
    });
  }

  async deleteBlocking(blockerId: string, blockeeId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('blocking').where('blockerId', '=', blockerId).where('blockeeId', '=', blockeeId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  listBlockings(blockerId: string, page: PageParams): Promise<BlockingRow[]> {
    return paginate(this.db.selectFrom('blocking').selectAll().where('blockerId', '=', blockerId), 'id', page).execute();
  }

  findMuting(muterId: string, muteeId: string): Promise<MutingRow | undefined> {
    return this.db.selectFrom('muting').selectAll().where('muterId', '=', muterId).where('muteeId', '=', muteeId).executeTakeFirst();
  }

  /** Inserts a mute, replacing an expired one of the same pair. */
  async insertMuting(row: MutingRow, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('muting').where('muterId', '=', row.muterId).where('muteeId', '=', row.muteeId).where('expiresAt', '<=', now).execute();
      await trx.insertInto('muting').values(row).execute();
    });
  }

  async deleteMuting(muterId: string, muteeId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('muting').where('muterId', '=', muterId).where('muteeId', '=', muteeId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  listMutings(muterId: string, page: PageParams): Promise<MutingRow[]> {
    return paginate(this.db.selectFrom('muting').selectAll().where('muterId', '=', muterId), 'id', page).execute();
  }

  async insertRenoteMuting(row: RenoteMutingRow): Promise<void> {
    await this.db.insertInto('renote_muting').values(row).execute();
  }

  async deleteRenoteMuting(muterId: string, muteeId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('renote_muting').where('muterId', '=', muterId).where('muteeId', '=', muteeId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  listRenoteMutings(muterId: string, page: PageParams): Promise<RenoteMutingRow[]> {
    return paginate(this.db.selectFrom('renote_muting').selectAll().where('muterId', '=', muterId), 'id', page).execute();
  }
}
