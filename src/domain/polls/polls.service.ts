import type { UserRow } from '../../infra/db/schema.js';
import { fromJson, isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { NotesService } from '../notes/notes.service.js';
import type { NotesRepo } from '../notes/notes.repo.js';
import type { ViewerRelationsCache } from '../social/viewer-relations.js';
import type { PollsRepo } from './polls.repo.js';

/** Voting in polls, with Misskey's rules (one vote unless multiple, not after expiry). */
export class PollsService {
  constructor(
    private readonly repo: PollsRepo,
    private readonly notesRepo: NotesRepo,
    private readonly notes: NotesService,
    private readonly viewerRelations: ViewerRelationsCache,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** Records `user`'s vote for `choice` in the poll of a note they may see. */
  async vote(user: UserRow, noteId: string, choice: number): Promise<void> {
    const note = await this.notes.getVisible(noteId, user);
    if (!note.hasPoll) throw new DomainError('poll.noPoll');
    // The author blocks the user: the user's cached relations list the author among their blockers.
    if (note.userId !== user.id && (await this.viewerRelations.get(user.id)).blockedBy.has(note.userId)) throw new DomainError('user.blocked');
    const [poll] = await this.notesRepo.findPolls([note.id]);
    if (!poll) throw new DomainError('poll.noPoll');
    if (poll.expiresAt !== null && poll.expiresAt < Date.now()) throw new DomainError('poll.expired');
    if (!Number.isInteger(choice) || choice < 0 || choice >= fromJson<string[]>(poll.choices, []).length) throw new DomainError('poll.invalidChoice');
    const mine = (await this.repo.choicesOf(user.id, [note.id])).get(note.id);
    if (mine && (!poll.multiple || mine.has(choice))) throw new DomainError('poll.alreadyVoted');
    const now = Date.now();
    try {
      await this.repo.insertVote({ id: this.ids.gen(now), createdAt: now, noteId: note.id, userId: user.id, choice }, poll.votes);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('poll.alreadyVoted');
      throw err;
    }
    this.events.emit('poll.voted', { noteId: note.id, noteUserId: note.userId, userId: user.id, choice });
  }
}
