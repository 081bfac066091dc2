import type { Kysely } from 'kysely';
import type { DB, NoteReactionRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';

/** Queries on `note_reaction`; no rules. */
export class ReactionsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  find(userId: string, noteId: string): Promise<NoteReactionRow | undefined> {
    return this.db.selectFrom('note_reaction').selectAll().where('userId', '=', userId).where('noteId', '=', noteId).executeTakeFirst();
  }

  /** `{reaction: count}` for each note that has reactions, in one grouped query. */
  async countsByNote(noteIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const result = new Map<string, Record<string, number>>();
    if (noteIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('note_reaction')
      .select((eb) => ['noteId', 'reaction', eb.fn.countAll<number>().as('n')])
      .where('noteId', 'in', [...new Set(noteIds)])
      .groupBy(['noteId', 'reaction'])
      .execute();
    for (const r of rows) {
      const counts = result.get(r.noteId) ?? {};
      counts[r.reaction] = Number(r.n);
      result.set(r.noteId, counts);
    }
    return result;
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

  async insert(row: NoteReactionRow): Promise<void> {
    await this.db.insertInto('note_reaction').values(row).execute();
  }

  /** Deletes the row; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('note_reaction').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
