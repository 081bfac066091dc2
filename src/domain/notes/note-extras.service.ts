import type { NoteFavoriteRow, UserRow } from '../../infra/db/schema.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { RolesService } from '../roles/roles.service.js';
import type { NoteMarksRepo } from './note-marks.repo.js';
import type { NotesService } from './notes.service.js';
import type { PageParams } from './paging.js';

/** A user's own marks on notes: favorites, muted threads and pinned notes. */
export class NoteExtrasService {
  constructor(
    private readonly repo: NoteMarksRepo,
    private readonly notes: NotesService,
    private readonly ids: IdGenerator,
    private readonly roles: RolesService,
  ) {}

  async favorite(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, me);
    await this.#insertOnce(() => this.repo.insertFavorite({ ...this.#mark(me), noteId: note.id }), 'favorite.exists');
  }

  async unfavorite(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.get(noteId);
    if (!(await this.repo.deleteFavorite(me.id, note.id))) throw new DomainError('favorite.notFound');
  }

  /** A page of `me`'s favorites, newest first. */
  favorites(me: UserRow, page: PageParams): Promise<NoteFavoriteRow[]> {
    return this.repo.favorites(me.id, page);
  }

  /** Mutes the thread a visible note belongs to. */
  async muteThread(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, me);
    await this.#insertOnce(() => this.repo.insertThreadMuting({ ...this.#mark(me), threadId: note.threadId }), 'threadMuting.exists');
  }

  async unmuteThread(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, me);
    await this.repo.deleteThreadMuting(me.id, note.threadId);
  }

  /** notes/state: whether `me` favorited the note and muted its thread. */
  async state(me: UserRow, noteId: string): Promise<{ isFavorited: boolean; isMutedThread: boolean }> {
    const note = await this.notes.get(noteId);
    const [isFavorited, isMutedThread] = await Promise.all([this.repo.isFavorited(me.id, note.id), this.repo.isThreadMuted(me.id, note.threadId)]);
    return { isFavorited, isMutedThread };
  }

  /** Pins one of `me`'s own notes to their profile, within the role's pinLimit. */
  async pin(me: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.get(noteId).catch(() => undefined);
    if (!note || note.userId !== me.id) throw new DomainError('note.notFound');
    const pinned = await this.repo.pinnedNoteIds(me.id);
    if (pinned.length >= (await this.roles.policiesOf(me)).pinLimit) throw new DomainError('pin.limitExceeded');
    if (pinned.includes(note.id)) throw new DomainError('pin.exists');
    await this.repo.insertPin({ ...this.#mark(me), noteId: note.id });
  }

  async unpin(me: UserRow, noteId: string): Promise<void> {
    if (!(await this.repo.deletePin(me.id, noteId))) throw new DomainError('note.notFound');
  }

  /** The notes `userId` pinned, most recently pinned first. */
  pinnedNoteIds(userId: string): Promise<string[]> {
    return this.repo.pinnedNoteIds(userId);
  }

  #mark(me: UserRow) {
    const now = Date.now();
    return { id: this.ids.gen(now), createdAt: now, userId: me.id };
  }

  /** Runs an insert that a unique constraint guards, turning a duplicate into `kind`. */
  async #insertOnce(insert: () => Promise<void>, kind: `${string}.${string}`): Promise<void> {
    try {
      await insert();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(kind);
      throw err;
    }
  }
}
