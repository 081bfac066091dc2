import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { DB, NoteReactionRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';

/**
 * Queries on `note_reaction` and the counts kept on `note.reactions`; no rules. Every write
 * changes the rows and the counts in one transaction, so the two never disagree.
 */
export class ReactionsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  find(userId: string, noteId: string): Promise<NoteReactionRow | undefined> {
    return this.db.selectFrom('note_reaction').selectAll().where('userId', '=', userId).where('noteId', '=', noteId).executeTakeFirst();
  }

  /** The reaction `userId` left on each of `noteIds`, if any. */
  async reactionsOf(userId: string, noteIds: readonly string[]): Promise<Map<string, string>> {
    if (noteIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('note_reaction')
      .select(['noteId', 'reaction'])
      .where('userId', '=', userId)
      .where('noteId', 'in', [...new Set(noteIds)])
      .execute();
    return new Map(rows.map((r) => [r.noteId, r.reaction]));
  }

  /** A page of a note's reactions, optionally of one type. */
  list(noteId: string, page: PageParams, type?: string): Promise<NoteReactionRow[]> {
    let q = this.db.selectFrom('note_reaction').selectAll().where('noteId', '=', noteId);
    if (type !== undefined) q = q.where('reaction', '=', type);
    return paginate(q, 'id', page).execute();
  }

  /**
   * Stores `row`, first removing `replaced` (the user's earlier reaction on the note), and moves
   * the note's counts. `counts` is the note's `reactions` as last read: a guess the update checks.
   */
  async replace(row: NoteReactionRow, replaced: NoteReactionRow | undefined, counts: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const change: Record<string, number> = { [row.reaction]: 1 };
      if (replaced && (await trx.deleteFrom('note_reaction').where('id', '=', replaced.id).executeTakeFirst()).numDeletedRows > 0n) {
        change[replaced.reaction] = (change[replaced.reaction] ?? 0) - 1;
      }
      await trx.insertInto('note_reaction').values(row).execute();
      await addToCounts(trx, row.noteId, change, counts);
    });
  }

  /** Deletes the reaction and takes it off the note's counts; false when it was already gone. */
  async delete(reaction: NoteReactionRow, counts: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('note_reaction').where('id', '=', reaction.id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await addToCounts(trx, reaction.noteId, { [reaction.reaction]: -1 }, counts);
      return true;
    });
  }
}

/**
 * Adds `change` to the JSON counts on the note row. A compare-and-set on the column's text: when
 * another transaction changed the counts since `expected` was read, the update matches no row
 * and is retried on the fresh value (both engines re-read committed rows per statement).
 */
async function addToCounts(trx: Kysely<DB>, noteId: string, change: Record<string, number>, expected: string): Promise<void> {
  let current: string | undefined = expected;
  while (current !== undefined) {
    const counts = fromJson<Record<string, number>>(current, {});
    for (const [reaction, delta] of Object.entries(change)) {
      const n = (counts[reaction] ?? 0) + delta;
      if (n > 0) counts[reaction] = n;
      else delete counts[reaction];
    }
    const res = await trx.updateTable('note').set({ reactions: toJson(counts) }).where('id', '=', noteId).where('reactions', '=', current).executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return;
    current = (await trx.selectFrom('note').select('reactions').where('id', '=', noteId).executeTakeFirst())?.reactions;
  }
}
