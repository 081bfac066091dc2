import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/** Queries of the streaming server: list members for userList channels, and the online marker. */
export class ViewerRepo {
  constructor(private readonly db: Kysely<DB>) {}

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
