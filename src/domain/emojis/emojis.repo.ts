import type { Kysely } from 'kysely';
import type { DB, EmojiRow } from '../../infra/db/schema.js';

/** Queries on the custom `emoji` table; no rules. */
export class EmojisRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** The local custom emoji called `name`. */
  findLocal(name: string): Promise<EmojiRow | undefined> {
    return this.db.selectFrom('emoji').selectAll().where('name', '=', name).where('host', 'is', null).executeTakeFirst();
  }

  /** Every local custom emoji, by category then name (the `emojis` endpoint). */
  listLocal(): Promise<EmojiRow[]> {
    return this.db.selectFrom('emoji').selectAll().where('host', 'is', null).orderBy('category').orderBy('name').execute();
  }

  async insert(emoji: EmojiRow): Promise<void> {
    await this.db.insertInto('emoji').values(emoji).execute();
  }
}
