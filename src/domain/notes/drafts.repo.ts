import type { Kysely } from 'kysely';
import type { DB, NoteDraftRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from './paging.js';

/** Queries on `note_draft`; no rules. */
export class DraftsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: NoteDraftRow): Promise<void> {
    await this.db.insertInto('note_draft').values(row).execute();
  }

  async updateData(id: string, data: string, updatedAt: number): Promise<void> {
    await this.db.updateTable('note_draft').set({ data, updatedAt }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('note_draft').where('id', '=', id).execute();
  }

  /** The draft `id` if it belongs to `userId`. */
  findOwn(userId: string, id: string): Promise<NoteDraftRow | undefined> {
    return this.db.selectFrom('note_draft').selectAll().where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  }

  list(userId: string, page: PageParams): Promise<NoteDraftRow[]> {
    return paginate(this.db.selectFrom('note_draft').selectAll().where('userId', '=', userId), 'id', page).execute();
  }

  async count(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('note_draft')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
