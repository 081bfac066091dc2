import type { Kysely, Updateable } from 'kysely';
import type { DB, DriveFolderRow, DriveFolderTable } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';

/** Queries on `drive_folder`; no rules. */
export class DriveFoldersRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findById(id: string): Promise<DriveFolderRow | undefined> {
    return this.db.selectFrom('drive_folder').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** `userId`'s folder `id`, or undefined when it does not exist or is someone else's. */
  findOwn(userId: string, id: string): Promise<DriveFolderRow | undefined> {
    return this.db.selectFrom('drive_folder').selectAll().where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  }

  /** Rows keyed by id; ids without a row are absent. */
  async findManyByIds(ids: readonly string[]): Promise<Map<string, DriveFolderRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('drive_folder').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** A page of `userId`'s folders directly under `parentId` (null = the root). */
  list(userId: string, parentId: string | null, page: PageParams): Promise<DriveFolderRow[]> {
    let q = this.db.selectFrom('drive_folder').selectAll().where('userId', '=', userId);
    q = parentId === null ? q.where('parentId', 'is', null) : q.where('parentId', '=', parentId);
    return paginate(q, 'id', page).execute();
  }

  findByName(userId: string, name: string, parentId: string | null): Promise<DriveFolderRow[]> {
    let q = this.db.selectFrom('drive_folder').selectAll().where('userId', '=', userId).where('name', '=', name);
    q = parentId === null ? q.where('parentId', 'is', null) : q.where('parentId', '=', parentId);
    return q.orderBy('id', 'desc').execute();
  }

  /** How many folders each folder directly holds. */
  async countByParent(parentIds: readonly string[]): Promise<Map<string, number>> {
    if (parentIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('drive_folder')
      .select(['parentId', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('parentId', 'in', [...new Set(parentIds)])
      .groupBy('parentId')
      .execute();
    return new Map(rows.map((r) => [r.parentId!, Number(r.n)]));
  }

  async insert(row: DriveFolderRow): Promise<void> {
    await this.db.insertInto('drive_folder').values(row).execute();
  }

  async update(id: string, patch: Updateable<DriveFolderTable>): Promise<void> {
    await this.db.updateTable('drive_folder').set(patch).where('id', '=', id).execute();
  }

  async deleteAllOf(userId: string): Promise<void> {
    await this.db.deleteFrom('drive_folder').where('userId', '=', userId).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('drive_folder').where('id', '=', id).execute();
  }
}
