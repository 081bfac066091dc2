import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Kv } from '../../infra/kv/kv.js';
import type { Queue } from '../../infra/queue/queue.js';
import type { DB, NoteRow, UserRow } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { RolesService } from '../roles/roles.service.js';
import type { RelationsRepo } from '../social/relations.repo.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import type { UsersRepo } from '../users/users.repo.js';
import { countsAsRenote, createNote, type NoteCreateInput } from './note-create.js';
import type { NotesRepo, Viewer } from './notes.repo.js';
import { isPureRenote, isVisibleFor } from './visibility.js';

/** What the note commands need; one object so each command takes what it uses. */
export interface NotesDeps {
  db: Kysely<DB>;
  config: Config;
  notes: NotesRepo;
  users: UsersRepo;
  relations: RelationsRepo;
  /** The reader's mutes and blocks (cached per viewer). */
  viewerRelations: ViewerRelationsCache;
  roles: RolesService;
  ids: IdGenerator;
  kv: Kv;
  events: DomainEventHub;
  /** For the poll-end job, stored with its note. */
  queue: Queue;
}

/** True when `blockerId` blocks `blockeeId` (one direction, as Misskey checks for replies, renotes and reactions). */
export async function isBlockedBy(deps: Pick<NotesDeps, 'relations'>, blockerId: string, blockeeId: string): Promise<boolean> {
  return (await deps.relations.blockerIdsOf(blockeeId)).includes(blockerId);
}

/** Notes: creating, finding with visibility, deleting. */
export class NotesService {
  constructor(private readonly deps: NotesDeps) {}

  create(user: UserRow, input: NoteCreateInput): Promise<NoteRow> {
    return createNote(this.deps, user, input);
  }

  /** The note, or `note.notFound`. */
  async get(noteId: string): Promise<NoteRow> {
    const note = await this.deps.notes.findById(noteId);
    if (!note) throw new DomainError('note.notFound');
    return note;
  }

  /**
   * The viewer for list queries: authors who block `me` are left out, and those `me` mutes
   * unless `withMuted` (a user's own page still shows their notes, as in Misskey).
   */
  async viewer(me: Pick<UserRow, 'id'> | null, withMuted = false): Promise<Viewer> {
    if (!me) return { id: null, hiddenUserIds: [] };
    const { muted, blockedBy } = await this.deps.viewerRelations.get(me.id);
    return { id: me.id, hiddenUserIds: [...new Set([...(withMuted ? [] : muted), ...blockedBy])] };
  }

  /** Whether `me` may see `note`. */
  async isVisible(note: NoteRow, me: Pick<UserRow, 'id'> | null): Promise<boolean> {
    const follows = me !== null && note.visibility === 'followers' && (await this.deps.relations.isFollowing(me.id, note.userId));
    return isVisibleFor(note, me?.id ?? null, follows);
  }

  /** The note if `me` may see it; otherwise `note.notFound`, so invisible notes do not leak. */
  async getVisible(noteId: string, me: Pick<UserRow, 'id'> | null): Promise<NoteRow> {
    const note = await this.get(noteId);
    if (!(await this.isVisible(note, me))) throw new DomainError('note.notFound');
    return note;
  }

  /**
   * Deletes a note by its author or a moderator, with the replies and renotes that hang
   * off it (as Misskey's cascade does), fixing counters and emitting `note.deleted` for each.
   */
  async delete(me: UserRow, noteId: string): Promise<void> {
    const note = await this.get(noteId);
    if (note.userId !== me.id && !this.deps.roles.isModerator(me)) throw new DomainError('note.accessDenied');
    await this.deleteNote(note);
  }

  /** Deletes the caller's renotes of `noteId` (notes/unrenote). */
  async unrenote(me: UserRow, noteId: string): Promise<void> {
    await this.get(noteId);
    const renotes = await this.deps.notes.renotesBy(me.id, noteId);
    for (const renote of renotes.filter(isPureRenote)) await this.deleteNote(renote);
  }

  async deleteNote(note: NoteRow): Promise<void> {
    const { db, notes, events } = this.deps;
    const cascaded = await notes.findManyByIds(await notes.cascadeIds(note.id));
    // Deepest first, so counters on notes that are themselves going away need no care.
    const doomed = [note, ...cascaded.values()].sort((a, b) => (a.id < b.id ? 1 : -1));
    const doomedIds = new Set(doomed.map((n) => n.id));
    const authors = await this.deps.users.findManyByIds(doomed.map((n) => n.userId));
    const deletedAt = Date.now();
    await db.transaction().execute(async (trx) => {
      for (const n of doomed) {
        if (n.replyId && !doomedIds.has(n.replyId)) await notes.addToCounter(trx, n.replyId, 'repliesCount', -1);
        const author = authors.get(n.userId);
        if (n.renoteId && !doomedIds.has(n.renoteId) && author && countsAsRenote({ userId: n.renoteUserId ?? '' }, author)) {
          await notes.addToCounter(trx, n.renoteId, 'renoteCount', -1);
        }
        await notes.addToNotesCount(trx, n.userId, -1);
      }
      await notes.deleteMany(trx, [...doomedIds]);
    });
    for (const n of doomed) events.emit('note.deleted', { noteId: n.id, userId: n.userId, deletedAt, replyId: n.replyId, renoteId: n.renoteId });
  }
}
