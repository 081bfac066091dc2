import type { Kysely } from 'kysely';
import type { DB, RegistryItemRow } from '../../infra/db/schema.js';

/** Where one registry item lives: its owner, domain ('' = native clients), scope path and key. */
export interface RegistryPath {
  userId: string;
  domain: string;
  /** JSON text of the scope array. */
  scope: string;
}

/** Queries on registry items (no rules). */
export class RegistryRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findItem(path: RegistryPath, key: string): Promise<RegistryItemRow | undefined> {
    return this.#inScope(path).selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Every item of one scope, oldest first. */
  itemsOfScope(path: RegistryPath): Promise<RegistryItemRow[]> {
    return this.#inScope(path).selectAll().orderBy('id').execute();
  }

  /** The distinct (domain, scope) pairs of a user's items. */
  scopesOf(userId: string): Promise<{ domain: string; scope: string }[]> {
    return this.db.selectFrom('registry_item').select(['domain', 'scope']).distinct().where('userId', '=', userId).orderBy('domain').orderBy('scope').execute();
  }

  /** Updates the item's value; false when it does not exist. */
  async updateValue(path: RegistryPath, key: string, value: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('registry_item')
      .set({ value, updatedAt: now })
      .where('userId', '=', path.userId)
      .where('domain', '=', path.domain)
      .where('scope', '=', path.scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return res.numUpdatedRows > 0n;
  }

  async insert(row: RegistryItemRow): Promise<void> {
    await this.db.insertInto('registry_item').values(row).execute();
  }

  async delete(path: RegistryPath, key: string): Promise<void> {
    await this.db
      .deleteFrom('registry_item')
      .where('userId', '=', path.userId)
      .where('domain', '=', path.domain)
      .where('scope', '=', path.scope)
      .where('key', '=', key)
      .execute();
  }

  #inScope(path: RegistryPath) {
    return this.db
      .selectFrom('registry_item')
      .where('userId', '=', path.userId)
      .where('domain', '=', path.domain)
      .where('scope', '=', path.scope);
  }
}
