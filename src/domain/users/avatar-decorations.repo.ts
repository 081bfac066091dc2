import type { Kysely, Updateable } from 'kysely';
import type { AvatarDecorationRow, AvatarDecorationTable, DB } from '../../infra/db/schema.js';

/** Queries on `avatar_decoration`; no rules. */
export class AvatarDecorationsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every decoration, oldest first. */
  all(): Promise<AvatarDecorationRow[]> {
    return this.db.selectFrom('avatar_decoration').selectAll().orderBy('id', 'asc').execute();
  }

  /** Stores a new decoration. */
  async insert(row: AvatarDecorationRow): Promise<void> {
    await this.db.insertInto('avatar_decoration').values(row).execute();
  }

  /** Changes the given columns; false when there is no such decoration. */
  async update(id: string, patch: Updateable<AvatarDecorationTable>): Promise<boolean> {
    const res = await this.db.updateTable('avatar_decoration').set(patch).where('id', '=', id).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Deletes the row; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('avatar_decoration').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
