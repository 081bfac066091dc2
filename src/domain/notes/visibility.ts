import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { fromJson } from '../../infra/db/dialect.js';
import type { DB, NoteRow } from '../../infra/db/schema.js';

/** A note is a pure renote when it renotes something and adds nothing of its own (Misskey's isRenote && !isQuote). */
export function isPureRenote(note: Pick<NoteRow, 'renoteId' | 'text' | 'cw' | 'replyId' | 'hasPoll' | 'fileIds'>): boolean {
  if (note.renoteId === null) return false;
  return note.text === null && note.cw === null && note.replyId === null && !note.hasPoll && fromJson<string[]>(note.fileIds, []).length === 0;
}

/**
 * Whether `meId` may see `note` (Misskey's isVisibleForMe). `followsAuthor` answers whether
 * the viewer follows the author; it is asked only for followers-only notes.
 */
export function isVisibleFor(note: NoteRow, meId: string | null, followsAuthor: boolean): boolean {
  if (note.visibility === 'public' || note.visibility === 'home') return true;
  if (meId === null) return false;
  if (meId === note.userId) return true;
  if (note.visibility === 'specified') return fromJson<string[]>(note.visibleUserIds, []).includes(meId);
  if (note.replyUserId === meId) return true;
  if (fromJson<string[]>(note.mentions, []).includes(meId)) return true;
  return followsAuthor;
}

/**
 * The same rule as a SQL condition on the `note` table, for every list query (replies,
 * timelines, users/notes…): notes `meId` (null = anonymous) may see.
 */
export function visibleToCondition(meId: string | null) {
  return (eb: ExpressionBuilder<DB, 'note'>): Expression<SqlBool> => {
    const open = eb('note.visibility', 'in', ['public', 'home']);
    if (meId === null) return open;
    const addressed = (kind: 'mention' | 'visible') =>
      eb.exists(
        eb
          .selectFrom('note_audience')
          .select('note_audience.noteId')
          .whereRef('note_audience.noteId', '=', 'note.id')
          .where('note_audience.userId', '=', meId)
          .where('note_audience.kind', '=', kind),
      );
    const followsAuthor = eb.exists(
      eb
        .selectFrom('following')
        .select('following.id')
        .where('following.followerId', '=', meId)
        .whereRef('following.followeeId', '=', 'note.userId'),
    );
    return eb.or([
      open,
      eb('note.userId', '=', meId),
      eb.and([eb('note.visibility', '=', 'specified'), addressed('visible')]),
      eb.and([
        eb('note.visibility', '=', 'followers'),
        eb.or([eb('note.replyUserId', '=', meId), addressed('mention'), followsAuthor]),
      ]),
    ]);
  };
}
