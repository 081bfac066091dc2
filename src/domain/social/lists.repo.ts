import { sql, type Kysely } from 'kysely';
import type { DB, UserListMembershipRow, UserListRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';

/** Queries on user lists, their members and favourites; no rules. */
export class ListsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findById(id: string): Promise<UserListRow | undefined> {
    return this.db.selectFrom('user_list').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listByOwner(userId: string, onlyPublic: boolean): Promise<UserListRow[]> {
    let q = this.db.selectFrom('user_list').selectAll().where('userId', '=', userId);
    if (onlyPublic) q = q.where('isPublic', '=', true);
    return q.orderBy('id', 'asc').execute();
  }

  async countByOwner(userId: string): Promise<number> {
    const row = await this.db.selectFrom('user_list').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(row: UserListRow): Promise<void> {
    await this.db.insertInto('user_list').values(row).execute();
  }

  async update(id: string, patch: { name?: string; isPublic?: boolean }): Promise<void> {
    if (Object.keys(patch).length > 0) await this.db.updateTable('user_list').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('user_list').where('id', '=', id).execute();
  }

  /** Member ids of each list, keyed by list id (in membership order). */
  async memberIds(listIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(listIds.map((id) => [id, []]));
    if (listIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('user_list_membership')
      .select(['userListId', 'userId'])
      .where('userListId', 'in', [...new Set(listIds)])
      .orderBy('id', 'asc')
      .execute();
    for (const r of rows) result.get(r.userListId)!.push(r.userId);
    return result;
  }

  findMembership(listId: string, userId: string): Promise<UserListMembershipRow | undefined> {
    return this.db.selectFrom('user_list_membership').selectAll().where('userListId', '=', listId).where('userId', '=', userId).executeTakeFirst();
  }

  memberships(listId: string, page: PageParams): Promise<UserListMembershipRow[]> {
    return paginate(this.db.selectFrom('user_list_membership').selectAll().where('userListId', '=', listId), 'id', page).execute();
  }

  async countMembers(listId: string): Promise<number> {
    const row = await this.db
      .selectFrom('user_list_membership')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userListId', '=', listId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertMembership(row: UserListMembershipRow): Promise<void> {
    await this.db.insertInto('user_list_membership').values(row).execute();
  }

  /** Copies every member of `fromListId` into `toListId` (a fresh list), keeping the order. */
  async insertMemberships(rows: readonly UserListMembershipRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insertInto('user_list_membership').values([...rows]).execute();
  }

  async deleteMembership(listId: string, userId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('user_list_membership').where('userListId', '=', listId).where('userId', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async updateMembership(listId: string, userId: string, withReplies: boolean): Promise<void> {
    await this.db.updateTable('user_list_membership').set({ withReplies }).where('userListId', '=', listId).where('userId', '=', userId).execute();
  }

  async insertFavorite(id: string, userId: string, listId: string): Promise<void> {
    await this.db.insertInto('user_list_favorite').values({ id, createdAt: Date.now(), userId, userListId: listId }).execute();
  }

  async deleteFavorite(userId: string, listId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('user_list_favorite').where('userId', '=', userId).where('userListId', '=', listId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** How many users favourited the list, and whether `userId` is one of them. */
  async favoriteInfo(listId: string, userId: string | null): Promise<{ likedCount: number; isLiked: boolean }> {
    const row = await this.db
      .selectFrom('user_list_favorite')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when ${sql.ref('userId')} = ${userId ?? ''} then 1 else 0 end)`.as('mine'),
      ])
      .where('userListId', '=', listId)
      .executeTakeFirstOrThrow();
    return { likedCount: Number(row.n), isLiked: Number(row.mine ?? 0) > 0 };
  }
}
