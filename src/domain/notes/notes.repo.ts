import { sql, type Kysely, type Transaction } from 'kysely';
import { precompiled, type PrecompiledArg } from '../../infra/db/precompiled.js';
import type { DB, NoteRow, PollRow } from '../../infra/db/schema.js';
import { idAtTime } from '../../lib/aidx.js';
import { paginate, type PageParams } from './paging.js';
import { visibleToCondition } from './visibility.js';

/** A user a note is addressed to. */
export interface AudienceEntry {
  userId: string;
  kind: 'mention' | 'visible';
}

/** Who is reading: their id (null = anonymous) and the authors hidden from them (muted, or blocking them). */
export interface Viewer {
  id: string | null;
  hiddenUserIds: string[];
}

/** Every column of a note row, in the order the precompiled insert binds them. */
const NOTE_COLUMNS = [
  'id', 'createdAt', 'userId', 'userHost', 'replyId', 'renoteId', 'replyUserId', 'replyUserHost', 'renoteUserId', 'renoteUserHost',
  'threadId', 'text', 'cw', 'visibility', 'localOnly', 'reactionAcceptance', 'visibleUserIds', 'mentions', 'tags', 'emojis', 'fileIds',
  'hasPoll', 'channelId', 'repliesCount', 'renoteCount', 'reactions', 'uri', 'url',
] as const satisfies readonly (keyof NoteRow)[];
// A column added to the table but not to the list above fails to compile here.
const allColumns: Exclude<keyof NoteRow, (typeof NOTE_COLUMNS)[number]> extends never ? true : never = true;
void allColumns;

// notes/create's writes, compiled once (Kysely's building of a 28-column insert cost more than running it).
const insertNote = precompiled((db, ...values: PrecompiledArg[]) =>
  db.insertInto('note').values(Object.fromEntries(NOTE_COLUMNS.map((column, i) => [column, values[i]])) as unknown as NoteRow),
);
const countPosted = precompiled((db, userId: string, now: number) =>
  db.updateTable('user').set((eb) => ({ notesCount: eb('notesCount', '+', 1), updatedAt: now })).where('id', '=', userId),
);

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
    await insertNote(trx, ...NOTE_COLUMNS.map((column) => note[column]));
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

  /** Adds `delta` to a user's notesCount; posting also marks the user updated, as Misskey does (search and recommendations read it as activity). */
  async addToNotesCount(trx: Kysely<DB>, userId: string, delta: number): Promise<void> {
    if (delta === 1) {
      await countPosted(trx, userId, Date.now());
      return;
    }
    await trx
      .updateTable('user')
      .set((eb) => ({ notesCount: eb('notesCount', '+', delta), ...(delta > 0 ? { updatedAt: Date.now() } : {}) }))
      .where('id', '=', userId)
      .execute();
  }

  async deleteMany(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await trx.deleteFrom('note').where('id', 'in', [...ids]).execute();
  }

  /** `userId`'s renotes and quotes of `noteId`. */
  renotesBy(userId: string, noteId: string): Promise<NoteRow[]> {
    return this.db.selectFrom('note').selectAll().where('userId', '=', userId).where('renoteId', '=', noteId).execute();
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

  /** Notes replying to `noteId` that the viewer may see. */
  replies(noteId: string, viewer: Viewer, page: PageParams): Promise<NoteRow[]> {
    const q = this.#visible(viewer).where('replyId', '=', noteId);
    return paginate(q, 'note.id', page).execute();
  }

  /** Renotes and quotes of `noteId` that the viewer may see. */
  renotes(noteId: string, viewer: Viewer, page: PageParams): Promise<NoteRow[]> {
    const q = this.#visible(viewer).where('renoteId', '=', noteId);
    return paginate(q, 'note.id', page).execute();
  }

  /** Replies and quotes of `noteId` (notes/children) that the viewer may see. */
  children(noteId: string, viewer: Viewer, page: PageParams): Promise<NoteRow[]> {
    const q = this.#visible(viewer).where((eb) =>
        eb.or([
          eb('replyId', '=', noteId),
          eb.and([
            eb('renoteId', '=', noteId),
            eb.or([eb('text', 'is not', null), eb('cw', 'is not', null), eb('hasPoll', '=', true), eb('fileIds', '!=', '[]')]),
          ]),
        ]),
      );
    return paginate(q, 'note.id', page).execute();
  }

  /** Notes that mention the viewer or are addressed to them, optionally only by users they follow. */
  mentioning(viewer: Viewer & { id: string }, page: PageParams, opts: { visibility?: NoteRow['visibility']; following?: boolean }): Promise<NoteRow[]> {
    let q = this.#visible(viewer).where((eb) =>
      eb.exists(eb.selectFrom('note_audience').select('note_audience.noteId').whereRef('note_audience.noteId', '=', 'note.id').where('note_audience.userId', '=', viewer.id)),
    );
    q = q.where('note.threadId', 'not in', (eb) => eb.selectFrom('note_thread_muting').select('note_thread_muting.threadId').where('note_thread_muting.userId', '=', viewer.id));
    if (opts.visibility) q = q.where('visibility', '=', opts.visibility);
    if (opts.following) {
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('following').select('following.id').where('following.followerId', '=', viewer.id).whereRef('following.followeeId', '=', 'note.userId')),
      );
    }
    return paginate(q, 'note.id', page).execute();
  }

  /** users/notes: a user's notes the viewer may see, with Misskey's reply/renote/file filters. */
  userNotes(userId: string, viewer: Viewer, page: PageParams, opts: { withReplies: boolean; withRenotes: boolean; withFiles: boolean }): Promise<NoteRow[]> {
    let q = this.#visible(viewer).where('note.userId', '=', userId).where('note.channelId', 'is', null);
    // Without replies, a user's replies to themselves (threads) still show.
    if (!opts.withReplies) q = q.where((eb) => eb.or([eb('note.replyId', 'is', null), eb('note.replyUserId', '=', eb.ref('note.userId'))]));
    if (!opts.withRenotes) {
      q = q.where((eb) =>
        eb.or([eb('note.renoteId', 'is', null), eb('note.text', 'is not', null), eb('note.cw', 'is not', null), eb('note.hasPoll', '=', true), eb('note.fileIds', '!=', '[]')]),
      );
    }
    if (opts.withFiles) q = q.where('note.fileIds', '!=', '[]');
    return paginate(q, 'note.id', page).execute();
  }

  /** The most reacted-to public notes of the last `sinceMs` ms, at most `max`, by reaction count. */
  async mostReacted(since: number, max: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('note_reaction')
      .innerJoin('note', 'note.id', 'note_reaction.noteId')
      .select((eb) => ['note_reaction.noteId', eb.fn.countAll<number>().as('n')])
      // ids are time-ordered, so the primary key bounds the window.
      .where('note.id', '>', idAtTime(since))
      .where('note.visibility', '=', 'public')
      .groupBy('note_reaction.noteId')
      .orderBy('n', 'desc')
      .limit(max)
      .execute();
    return rows.map((r) => r.noteId);
  }

  /** Open polls by other local users that `viewer` has not voted in, newest first. */
  openPollsFor(viewer: Viewer & { id: string }, limit: number, offset: number, now: number): Promise<NoteRow[]> {
    return this.#visible(viewer)
      .innerJoin('poll', 'poll.noteId', 'note.id')
      .where('note.userId', '!=', viewer.id)
      .where('note.userHost', 'is', null)
      .where('note.visibility', '=', 'public')
      .where((eb) => eb.or([eb('poll.expiresAt', 'is', null), eb('poll.expiresAt', '>', now)]))
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('poll_vote').select('poll_vote.id').whereRef('poll_vote.noteId', '=', 'note.id').where('poll_vote.userId', '=', viewer.id))),
      )
      .orderBy('note.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** Notes the viewer may see, without those of authors they mute or who block them. */
  #visible(viewer: Viewer) {
    let q = this.db.selectFrom('note').selectAll('note').where(visibleToCondition(viewer.id));
    if (viewer.hiddenUserIds.length > 0) q = q.where('note.userId', 'not in', viewer.hiddenUserIds);
    return q;
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

  /** The notes of a thread, for walking a conversation without a query per step. */
  thread(threadId: string): Promise<NoteRow[]> {
    return this.db.selectFrom('note').selectAll().where('threadId', '=', threadId).execute();
  }

  /** Which of `fileIds` are drive files owned by `userId`. */
  async ownFileIds(userId: string, fileIds: readonly string[]): Promise<Set<string>> {
    if (fileIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('drive_file').select('id').where('userId', '=', userId).where('id', 'in', [...new Set(fileIds)]).execute();
    return new Set(rows.map((r) => r.id));
  }

  findPolls(noteIds: readonly string[]): Promise<PollRow[]> {
    if (noteIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('poll').selectAll().where('noteId', 'in', [...new Set(noteIds)]).execute();
  }
}
