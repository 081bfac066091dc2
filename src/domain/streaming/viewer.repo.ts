import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/** Queries behind a socket's view of the social graph (who it follows, with which reply setting). */
export class ViewerRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** The users `userId` follows, each with the follow's withReplies setting. */
  async followings(userId: string): Promise<Map<string, { withReplies: boolean }>> {
    const rows = await this.db
      .selectFrom('following')
      .select(['followeeId', 'withReplies'])
      .where('followerId', '=', userId)
      .execute();
    return new Map(rows.map((r) => [r.followeeId, { withReplies: r.withReplies }]));
  }

  /** The members of list `listId` with their withReplies setting, or undefined unless `ownerId` owns the list. */
  async listMembers(listId: string, ownerId: string): Promise<Map<string, { withReplies: boolean }> | undefined> {
    const list = await this.db.selectFrom('user_list').select('id').where('id', '=', listId).where('userId', '=', ownerId).executeTakeFirst();
    if (!list) return undefined;
    const rows = await this.db
      .selectFrom('user_list_membership')
      .select(['userId', 'withReplies'])
      .where('userListId', '=', listId)
      .execute();
    return new Map(rows.map((r) => [r.userId, { withReplies: r.withReplies }]));
  }

  /** Records that `userId` is online now (for onlineStatus); skipped when recorded within the last minute. True when written. */
  async markActive(userId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('user')
      .set({ lastActiveDate: now })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('lastActiveDate', 'is', null), eb('lastActiveDate', '<', now - 60_000)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
