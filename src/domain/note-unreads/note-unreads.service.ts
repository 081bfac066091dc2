import type { NoteRow } from '../../infra/db/schema.js';
import { fromJson } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import type { DomainEventHub } from '../events.js';
import type { NoteUnreadsRepo } from './note-unreads.repo.js';

/** Notification types whose note the reader has seen once the notification is listed. */
const NOTE_NOTIFICATIONS = new Set(['mention', 'reply', 'quote']);

/** What reading a note needs to know of it. */
export type ReadableNote = Pick<NoteRow, 'id' | 'userId' | 'mentions' | 'visibleUserIds'>;

/**
 * Misskey's unread mentions and unread specified notes: a note addressed to a local user is
 * unread for them until they read it (the streaming `sr` message, notes/mentions, the
 * notifications of it, or muting its thread). `i` shows hasUnreadMentions and
 * hasUnreadSpecifiedNotes; the main stream hears when they change.
 */
export class NoteUnreadsService {
  constructor(
    private readonly repo: NoteUnreadsRepo,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** Records a new note as unread for the local users it is specified to, or else mentions. */
  async recordNote(note: Pick<NoteRow, 'id' | 'userId' | 'visibility' | 'mentions' | 'visibleUserIds' | 'threadId'>): Promise<void> {
    const isSpecified = note.visibility === 'specified';
    const addressed = fromJson<string[]>(isSpecified ? note.visibleUserIds : note.mentions, []);
    // compat: Misskey also records a note that mentions its own author; nobody needs to be told of their own note.
    const readers = await this.repo.localUserIds([...new Set(addressed)].filter((id) => id !== note.userId));
    const silenced = await this.repo.silencedReaders(readers, note.userId, note.threadId, Date.now());
    const rows = readers
      .filter((userId) => !silenced.has(userId))
      .map((userId) => ({ id: this.ids.gen(), userId, noteId: note.id, noteUserId: note.userId, isSpecified, isMentioned: !isSpecified }));
    await this.repo.insertMany(rows);
    for (const row of rows) this.events.emit('noteUnread.created', { id: row.id, userId: row.userId, noteId: note.id, isSpecified });
  }

  /** Whether the unread row `id` is still unread. */
  isUnread(id: string): Promise<boolean> {
    return this.repo.exists(id);
  }

  /** Whether `userId` has unread mentions and unread specified notes (MeDetailed's flags). */
  unreadKinds(userId: string): Promise<{ mentions: boolean; specified: boolean }> {
    return this.repo.unreadKinds(userId);
  }

  /** `userId` has read these notes: those addressed to them stop being unread. */
  async read(userId: string, notes: readonly ReadableNote[]): Promise<void> {
    const addressed = notes.filter(
      (n) => n.userId !== userId && (fromJson<string[]>(n.mentions, []).includes(userId) || fromJson<string[]>(n.visibleUserIds, []).includes(userId)),
    );
    if (addressed.length === 0) return;
    await this.repo.deleteForNotes(userId, addressed.map((n) => n.id));
    await this.#announceIfAllRead(userId);
  }

  /** `userId` has read the notes of these notifications (mentions, replies and quotes, as Misskey counts them). */
  async readNotified(userId: string, notifications: readonly { type: string; noteId: string | null }[]): Promise<void> {
    const noteIds = notifications.filter((n) => NOTE_NOTIFICATIONS.has(n.type) && n.noteId !== null).map((n) => n.noteId!);
    if (noteIds.length === 0) return;
    await this.read(userId, await this.repo.readableNotes([...new Set(noteIds)]));
  }

  /** `userId` muted a thread: its notes stop being unread for them. */
  async readThread(userId: string, threadId: string): Promise<void> {
    if ((await this.repo.deleteForThread(userId, threadId)) > 0) await this.#announceIfAllRead(userId);
  }

  async #announceIfAllRead(userId: string): Promise<void> {
    const left = await this.repo.unreadKinds(userId);
    // compat: like Misskey, "all read" is announced after any read of an addressed note, even when nothing was unread.
    if (!left.mentions || !left.specified) this.events.emit('noteUnread.allRead', { userId, mentions: !left.mentions, specified: !left.specified });
  }
}
