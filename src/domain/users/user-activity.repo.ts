import { sql, type Kysely } from 'kysely';
import type { DB, NoteReactionRow, NoteRow } from '../../infra/db/schema.js';
import { idAtTime } from '../../lib/aidx.js';
import type { Viewer } from '../notes/notes.repo.js';
import { paginate, type PageParams } from '../notes/paging.js';
import { visibleToCondition } from '../notes/visibility.js';

/** A reaction with the note it was made on. */
export interface ReactionWithNote {
  reaction: NoteReactionRow;
  note: NoteRow;
}

/** Queries behind users/featured-notes and users/reactions; no rules. */
export class UserActivityRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Ids of `userId`'s public notes (outside channels) most reacted to by others since
   * `since`, counting only reactions made within `freshMs` of the note, best first.
   */
  async mostReactedNoteIds(userId: string, since: number, freshMs: number, max: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('note_reaction')
      .innerJoin('note', 'note.id', 'note_reaction.noteId')
      .select((eb) => ['note_reaction.noteId', eb.fn.countAll<number>().as('n')])
      .where('note.userId', '=', userId)
      // ids are time-ordered: notes older than the window minus the fresh period cannot score.
      .where('note.id', '>', idAtTime(since - freshMs))
      .where('note.visibility', '=', 'public')
      .where('note.channelId', 'is', null)
      .where('note_reaction.userId', '!=', userId)
      .where('note_reaction.createdAt', '>=', since)
      .where(sql<boolean>`${sql.ref('note_reaction.createdAt')} < ${sql.ref('note.createdAt')} + ${freshMs}`)
      .groupBy('note_reaction.noteId')
      .orderBy('n', 'desc')
      .orderBy('note_reaction.noteId', 'desc')
      .limit(max)
      .execute();
    return rows.map((r) => r.noteId);
  }

  /** `userId`'s reactions on notes the viewer may see (and whose authors are not hidden from them), by reaction id. */
  async reactionsBy(userId: string, viewer: Viewer, page: PageParams): Promise<ReactionWithNote[]> {
    let q = this.db
      .selectFrom('note_reaction')
      .innerJoin('note', 'note.id', 'note_reaction.noteId')
      .selectAll('note')
      .select([
        'note_reaction.id as reactionId',
        'note_reaction.createdAt as reactionCreatedAt',
        'note_reaction.userId as reactionUserId',
        'note_reaction.reaction as reactionType',
      ])
      .where('note_reaction.userId', '=', userId)
      .where(visibleToCondition(viewer.id));
    if (viewer.hiddenUserIds.length > 0) q = q.where('note.userId', 'not in', viewer.hiddenUserIds);
    const rows = await paginate(q, 'note_reaction.id', page).execute();
    return rows.map(({ reactionId, reactionCreatedAt, reactionUserId, reactionType, ...note }) => ({
      reaction: { id: reactionId, createdAt: reactionCreatedAt, noteId: note.id, userId: reactionUserId, reaction: reactionType },
      note,
    }));
  }
}
