import type { Kysely } from 'kysely';
import type { DB, NoteFavoriteRow, UserRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from './paging.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { RolesService } from '../roles/roles.service.js';
import type { NotesService } from './notes.service.js';

/** A user's own marks on notes: favorites, muted threads and pinned notes. */
export class NoteExtrasService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly notes: NotesService,
    private readonly ids: IdGenerator,
    private readonly roles: RolesService,
  ) {}

  async favorite(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, me);
    const now = Date.now();
    try {
      await this.db.insertInto('note_favorite').values({ id: this.ids.gen(now), createdAt: now, noteId: note.id, userId: me.id }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('favorite.exists');
      throw err;
    }
  }

  async unfavorite(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.get(noteId);
    const res = await this.db.deleteFrom('note_favorite').where('userId', '=', me.id).where('noteId', '=', note.id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new DomainError('favorite.notFound');
  }

  /** Mutes the thread a visible note belongs to. */
  async muteThread(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, me);
    const now = Date.now();
    try {
      await this.db.insertInto('note_thread_muting').values({ id: this.ids.gen(now), createdAt: now, userId: me.id, threadId: note.threadId }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('threadMuting.exists');
      throw err;
    }
  }

  async unmuteThread(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, me);
    await this.db.deleteFrom('note_thread_muting').where('userId', '=', me.id).where('threadId', '=', note.threadId).execute();
  }

  /** notes/state: whether `me` favorited the note and muted its thread. */
  async state(me: UserRow, noteId: string): Promise<{ isFavorited: boolean; isMutedThread: boolean }> {
    const note = await this.notes.get(noteId);
    const [fav, muted] = await Promise.all([
      this.db.selectFrom('note_favorite').select('id').where('userId', '=', me.id).where('noteId', '=', note.id).executeTakeFirst(),
      this.db.selectFrom('note_thread_muting').select('id').where('userId', '=', me.id).where('threadId', '=', note.threadId).executeTakeFirst(),
    ]);
    return { isFavorited: fav !== undefined, isMutedThread: muted !== undefined };
  }

  /** A page of `me`'s favorites, newest first. */
  favorites(me: UserRow, page: PageParams): Promise<NoteFavoriteRow[]> {
    const q = this.db.selectFrom('note_favorite').selectAll().where('userId', '=', me.id);
    return paginate(q, 'id', page).execute();
  }

  /** Pins one of `me`'s own notes to their profile, within the role's pinLimit. */
  async pin(me: UserRow, noteId: string): Promise<void> {
    const note = await this.db.selectFrom('note').select('id').where('id', '=', noteId).where('userId', '=', me.id).executeTakeFirst();
    if (!note) throw new DomainError('note.notFound');
    const pinned = await this.pinnedNoteIds(me.id);
    if (pinned.length >= (await this.roles.policiesOf(me)).pinLimit) throw new DomainError('pin.limitExceeded');
    if (pinned.includes(note.id)) throw new DomainError('pin.exists');
    const now = Date.now();
    await this.db.insertInto('user_note_pining').values({ id: this.ids.gen(now), createdAt: now, userId: me.id, noteId: note.id }).execute();
  }

  async unpin(me: UserRow, noteId: string): Promise<void> {
    const res = await this.db.deleteFrom('user_note_pining').where('userId', '=', me.id).where('noteId', '=', noteId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new DomainError('note.notFound');
  }

  /** The notes `userId` pinned, most recently pinned first. */
  async pinnedNoteIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('user_note_pining').select('noteId').where('userId', '=', userId).orderBy('id', 'desc').execute();
    return rows.map((r) => r.noteId);
  }
}
