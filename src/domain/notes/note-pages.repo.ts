import { sql, type Kysely } from 'kysely';
import type { DB, DriveFileRow, NoteRow, PollRow } from '../../infra/db/schema.js';

/** A note row with the viewer's reaction on it (null: none, or no viewer). */
export type PageNoteRow = NoteRow & { myReaction: string | null };

/** A poll with the choices the viewer voted for. */
export interface PagePoll {
  poll: PollRow;
  myChoices: Set<number>;
}

/** Nested renotes are loaded this many levels deep (a quote of a quote of a quote); deeper ones keep only their renoteId. */
export const MAX_NESTING = 3;

/**
 * The queries that load what a page of notes shows, each one statement whatever the page holds:
 * the notes with their reply and renote targets, the polls, the attached files. A page costs the
 * same statements with or without renotes, polls or files (a batch with nothing to find still
 * runs, so the count stays constant and the statement stays prepared).
 */
export class NotePagesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The notes `ids` with `viewerId`'s reaction on each; with `nested`, also the notes they
   * reply to and renote, and the targets of those renotes down to MAX_NESTING levels (only a
   * renote target is expanded again, as Misskey packs a renote in detail and a reply plainly).
   */
  async notesWithTargets(ids: readonly string[], viewerId: string | null, nested: boolean): Promise<Map<string, PageNoteRow>> {
    if (ids.length === 0) return new Map();
    // Notes at depth < expand contribute their reply and renote; renote targets go one level deeper.
    const expand = nested ? MAX_NESTING : 0;
    // CROSS JOIN keeps the few wanted ids as SQLite's outer loop, each a primary-key seek; with a
    // plain join it may scan every note (or every reply) and probe the ids instead.
    const { rows } = await sql<PageNoteRow>`
      with recursive "detailed" ("id", "depth") as (
        select "id", 0 from "note" where "id" in (${sql.join([...new Set(ids)])})
        union all
        select "note"."renoteId", "detailed"."depth" + 1 from "detailed" cross join "note"
        where "note"."id" = "detailed"."id" and "note"."renoteId" is not null and "detailed"."depth" + 1 < ${expand}
      ), "wanted" ("id") as (
        select "id" from "detailed"
        union
        select "note"."replyId" from "detailed" cross join "note"
        where "note"."id" = "detailed"."id" and "note"."replyId" is not null and "detailed"."depth" < ${expand}
        union
        select "note"."renoteId" from "detailed" cross join "note"
        where "note"."id" = "detailed"."id" and "note"."renoteId" is not null and "detailed"."depth" < ${expand}
      )
      select "note".*, "note_reaction"."reaction" as "myReaction"
      from "wanted" cross join "note"
      left join "note_reaction" on "note_reaction"."noteId" = "note"."id" and "note_reaction"."userId" = ${viewerId}
      where "note"."id" = "wanted"."id"
    `.execute(this.db);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The polls among the notes `noteIds` (notes without one are simply not found), with `viewerId`'s choices. */
  async polls(noteIds: readonly string[], viewerId: string | null): Promise<Map<string, PagePoll>> {
    const result = new Map<string, PagePoll>();
    if (noteIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('poll')
      // No viewer: '' is nobody's id, so the join finds no vote.
      .leftJoin('poll_vote', (j) => j.onRef('poll_vote.noteId', '=', 'poll.noteId').on('poll_vote.userId', '=', viewerId ?? ''))
      .selectAll('poll')
      .select('poll_vote.choice as myChoice')
      .where('poll.noteId', 'in', [...new Set(noteIds)])
      .execute();
    for (const { myChoice, ...poll } of rows) {
      const entry = result.get(poll.noteId) ?? { poll, myChoices: new Set<number>() };
      if (myChoice !== null) entry.myChoices.add(Number(myChoice));
      result.set(poll.noteId, entry);
    }
    return result;
  }

  /** The drive files `ids` (those that still exist). */
  files(ids: readonly string[]): Promise<DriveFileRow[]> {
    const unique = [...new Set(ids)];
    return this.db
      .selectFrom('drive_file')
      .selectAll()
      .where((eb) => (unique.length > 0 ? eb('id', 'in', unique) : eb.lit(false)))
      .execute();
  }
}
