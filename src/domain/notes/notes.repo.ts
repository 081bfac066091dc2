import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NoteRow, PollRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from './paging.js';
import { visibleToCondition } from './visibility.js';

/** A user a note is addressed to. */
export interface AudienceEntry {
  userId: string;
  kind: 'mention' | 'visible';
}

/** Queries on `note`, `note_audience` and `poll`; no rules. */
export class NotesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findById(id: string): Promise<NoteRow | undefined> {
    return this.db.selectFrom('note').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Rows keyed by id; ids without a row are absent. */
  async findManyByIds(ids: readonly string[]): Promise<Map<string, NoteRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('note').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async insert(trx: Transaction<DB>, note: NoteRow, audience: readonly AudienceEntry[], poll: PollRow | null): Promise<void> {
    await trx.insertInto('note').values(note).execute();
    if (audience.length > 0) await trx.insertInto('note_audience').values(audience.map((a) => ({ noteId: note.id, ...a }))).execute();
    if (poll) await trx.insertInto('poll').values(poll).execute();
  }

  async addToCounter(trx: Kysely<DB>, noteId: string, column: 'repliesCount' | 'renoteCount', delta: number): Promise<void> {
    await trx
      .updateTable('note')
      .set({ [column]: sql`${sql.ref(column)} + ${delta}` })
      .where('id', '=', noteId)
      .execute();
  }

  /** Ids of the notes that go when `noteId` goes: its replies and renotes, recursively. */
  async cascadeIds(noteId: string): Promise<string[]> {
    const all: string[] = [];
    let frontier = [noteId];
    while (frontier.length > 0) {
      const rows = await this.db
        .selectFrom('note')
        .select('id')
        .where((eb) => eb.or([eb('replyId', 'in', frontier), eb('renoteId', 'in', frontier)]))
        .execute();
      frontier = rows.map((r) => r.id).filter((id) => !all.includes(id));
      all.push(...frontier);
    }
    return all;
  }

  /** Notes replying to `noteId` that `meId` may see. */
  replies(noteId: string, meId: string | null, page: PageParams): Promise<NoteRow[]> {
    const q = this.db.selectFrom('note').selectAll().where('replyId', '=', noteId).where(visibleToCondition(meId));
    return paginate(q, 'note.id', page).execute();
  }

  /** Renotes and quotes of `noteId` that `meId` may see, optionally by one user. */
  renotes(noteId: string, meId: string | null, page: PageParams, userId?: string): Promise<NoteRow[]> {
    let q = this.db.selectFrom('note').selectAll().where('renoteId', '=', noteId).where(visibleToCondition(meId));
    if (userId) q = q.where('userId', '=', userId);
    return paginate(q, 'note.id', page).execute();
  }

  /** Replies and quotes of `noteId` (notes/children) that `meId` may see. */
  children(noteId: string, meId: string | null, page: PageParams): Promise<NoteRow[]> {
    const q = this.db
      .selectFrom('note')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('replyId', '=', noteId),
          eb.and([
            eb('renoteId', '=', noteId),
            eb.or([eb('text', 'is not', null), eb('cw', 'is not', null), eb('hasPoll', '=', true), eb('fileIds', '!=', '[]')]),
          ]),
        ]),
      )
      .where(visibleToCondition(meId));
    return paginate(q, 'note.id', page).execute();
  }

  /** Notes that mention `userId` (or are addressed to them), that they may see. */
  mentioning(userId: string, page: PageParams, visibility?: string): Promise<NoteRow[]> {
    let q = this.db
      .selectFrom('note')
      .selectAll()
      .where((eb) =>
        eb.exists(
          eb.selectFrom('note_audience').select('note_audience.noteId').whereRef('note_audience.noteId', '=', 'note.id').where('note_audience.userId', '=', userId),
        ),
      )
      .where(visibleToCondition(userId));
    if (visibility) q = q.where('visibility', '=', visibility as NoteRow['visibility']);
    return paginate(q, 'note.id', page).execute();
  }

  /** How many renotes of `renoteId` by `userId` exist besides `exceptId`. */
  async countRenotesBy(userId: string, renoteId: string, exceptId: string): Promise<number> {
    const row = await this.db
      .selectFrom('note')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('renoteId', '=', renoteId)
      .where('id', '!=', exceptId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  findPolls(noteIds: readonly string[]): Promise<PollRow[]> {
    if (noteIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('poll').selectAll().where('noteId', 'in', [...new Set(noteIds)]).execute();
  }
}
