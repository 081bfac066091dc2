import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../../infra/db/dialect.js';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, DriveFileRow, NoteRow, PollRow } from '../../infra/db/schema.js';

/** A poll with the choices the viewer voted for. */
export interface PagePoll {
  poll: PollRow;
  myChoices: Set<number>;
}

/** Nested renotes are loaded this many levels deep (a quote of a quote of a quote); deeper ones keep only their renoteId. */
export const MAX_NESTING = 3;

/**
 * The queries that load what a page of notes shows, each one statement whatever the page holds:
 * the notes with their reply and renote targets, the viewer's reactions, the polls, the attached
 * files. A page costs the same statements with or without renotes, polls or files (a batch with
 * nothing to find still runs, so the count stays constant). The ids go in as one JSON parameter,
 * so each query has one SQL text for every page size and is compiled once (precompiled.ts).
 */
export class NotePagesRepo {
  readonly #notesWithTargets;
  readonly #myReactions;
  readonly #polls;
  readonly #files;

  constructor(
    private readonly db: Kysely<DB>,
    dialect: DialectName,
  ) {
    // `column IN (the ids of a JSON array parameter)`.
    const within = (column: string, json: string): RawBuilder<boolean> =>
      dialect === 'postgres'
        ? sql<boolean>`${sql.ref(column)} in (select jsonb_array_elements_text(cast(${json} as jsonb)))`
        : sql<boolean>`${sql.ref(column)} in (select "value" from json_each(${json}))`;
    const raw = <Row>(db: Kysely<DB>, query: RawBuilder<Row>): Compilable<Row> => ({ compile: () => query.compile(db) });

    // Notes at depth < expand contribute their reply and renote; renote targets go one level deeper.
    // CROSS JOIN keeps the few wanted ids as SQLite's outer loop, each a primary-key seek; with a
    // plain join it may scan every note (or every reply) and probe the ids instead.
    this.#notesWithTargets = precompiled((db, ids: string, expand: number) =>
      raw(
        db,
        sql<NoteRow>`
          with recursive "detailed" ("id", "depth") as (
            select "id", 0 from "note" where ${within('id', ids)}
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
          select "note".* from "wanted" cross join "note" where "note"."id" = "wanted"."id"
        `,
      ),
    );
    this.#myReactions = precompiled((db, viewerId: string, noteIds: string) =>
      raw(db, sql<{ noteId: string; reaction: string }>`select "noteId", "reaction" from "note_reaction" where "userId" = ${viewerId} and ${within('noteId', noteIds)}`),
    );
    // No viewer: '' is nobody's id, so the join finds no vote.
    this.#polls = precompiled((db, viewerId: string, noteIds: string) =>
      db
        .selectFrom('poll')
        .leftJoin('poll_vote', (j) => j.onRef('poll_vote.noteId', '=', 'poll.noteId').on('poll_vote.userId', '=', viewerId))
        .selectAll('poll')
        .select('poll_vote.choice as myChoice')
        .where(within('poll.noteId', noteIds)),
    );
    this.#files = precompiled((db, ids: string) => db.selectFrom('drive_file').selectAll().where(within('drive_file.id', ids)));
  }

  /**
   * The notes `ids`; with `nested`, also the notes they reply to and renote, and the targets of
   * those renotes down to MAX_NESTING levels (only a renote target is expanded again, as Misskey
   * packs a renote in detail and a reply plainly).
   */
  async notesWithTargets(ids: readonly string[], nested: boolean): Promise<Map<string, NoteRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#notesWithTargets(this.db, idList(ids), nested ? MAX_NESTING : 0);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** `viewerId`'s reaction on each of the notes `noteIds` that has one. */
  async myReactions(noteIds: readonly string[], viewerId: string): Promise<Map<string, string>> {
    const rows = await this.#myReactions(this.db, viewerId, idList(noteIds));
    return new Map(rows.map((r) => [r.noteId, r.reaction]));
  }

  /** The polls among the notes `noteIds` (notes without one are simply not found), with `viewerId`'s choices. */
  async polls(noteIds: readonly string[], viewerId: string | null): Promise<Map<string, PagePoll>> {
    const result = new Map<string, PagePoll>();
    if (noteIds.length === 0) return result;
    const rows = await this.#polls(this.db, viewerId ?? '', idList(noteIds));
    for (const { myChoice, ...poll } of rows) {
      const entry = result.get(poll.noteId) ?? { poll, myChoices: new Set<number>() };
      if (myChoice !== null) entry.myChoices.add(Number(myChoice));
      result.set(poll.noteId, entry);
    }
    return result;
  }

  /** The drive files `ids` (those that still exist). */
  files(ids: readonly string[]): Promise<DriveFileRow[]> {
    return this.#files(this.db, idList(ids));
  }
}

/** Ids as the one JSON parameter of the queries above. */
function idList(ids: readonly string[]): string {
  return JSON.stringify([...new Set(ids)]);
}
