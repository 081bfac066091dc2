import type { UserRow } from '../../infra/db/schema.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import type { EmojisRepo } from '../emojis/emojis.repo.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { NotesService } from '../notes/notes.service.js';
import { isPureRenote } from '../notes/visibility.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import { customEmojiName, decideReaction } from './reaction-normalize.js';
import type { ReactionsRepo } from './reactions.repo.js';

/** Reacting to notes: one reaction per user per note, with Misskey's acceptance and fallback rules. */
export class ReactionsService {
  constructor(
    private readonly repo: ReactionsRepo,
    private readonly notes: NotesService,
    private readonly emojis: EmojisRepo,
    private readonly viewerRelations: ViewerRelationsCache,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /**
   * Stores `user`'s reaction on a note they may see. A different earlier reaction is
   * replaced; the same one again is `reaction.alreadyReacted`.
   */
  async react(user: UserRow, noteId: string, requested: string | null | undefined): Promise<void> {
    const note = await this.notes.getVisible(noteId, user);
    if (isPureRenote(note)) throw new DomainError('reaction.cannotReactToRenote');
    // The author blocks the user: the user's cached relations list the author among their blockers.
    if (note.userId !== user.id && (await this.viewerRelations.get(user.id)).blockedBy.has(note.userId)) throw new DomainError('user.blocked');
    const name = requested ? customEmojiName(requested) : undefined;
    const emoji = name !== undefined ? await this.emojis.findLocal(name) : undefined;
    const reaction = decideReaction(note, user, requested, emoji);

    const existing = await this.repo.find(user.id, note.id);
    if (existing?.reaction === reaction) throw new DomainError('reaction.alreadyReacted');
    const now = Date.now();
    try {
      await this.repo.replace({ id: this.ids.gen(now), createdAt: now, noteId: note.id, userId: user.id, reaction }, existing, note.reactions);
    } catch (err) {
      // A concurrent request of the same user won the race.
      if (isUniqueViolation(err)) throw new DomainError('reaction.alreadyReacted');
      throw err;
    }
    if (existing) this.events.emit('reaction.deleted', { noteId: note.id, noteUserId: note.userId, userId: user.id, reaction: existing.reaction });
    const custom = reaction.startsWith(':') && emoji ? { name: `${emoji.name}@.`, url: emoji.publicUrl || emoji.originalUrl } : null;
    this.events.emit('reaction.created', { noteId: note.id, noteUserId: note.userId, userId: user.id, reaction, emoji: custom });
  }

  /** Removes `user`'s reaction from a note; `reaction.notReacted` when there is none. */
  async unreact(user: UserRow, noteId: string): Promise<void> {
    const note = await this.notes.getVisible(noteId, user);
    const existing = await this.repo.find(user.id, note.id);
    if (!existing || !(await this.repo.delete(existing, note.reactions))) throw new DomainError('reaction.notReacted');
    this.events.emit('reaction.deleted', { noteId: note.id, noteUserId: note.userId, userId: user.id, reaction: existing.reaction });
  }
}
