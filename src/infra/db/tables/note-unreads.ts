import type { Selectable } from 'kysely';

/** Notes addressed to a local user (mentions, specified notes) that the user has not read yet. */
export interface NoteUnreadsTables {
  note_unread: NoteUnreadTable;
}

export interface NoteUnreadTable {
  id: string;
  /** The reader the note is addressed to. */
  userId: string;
  noteId: string;
  /** The note's author. */
  noteUserId: string;
  /** The note is specified (a direct note) to the reader; then isMentioned is false, as in Misskey. */
  isSpecified: boolean;
  isMentioned: boolean;
}

export type NoteUnreadRow = Selectable<NoteUnreadTable>;

export const NOTE_UNREADS_BOOLEAN_COLUMNS = ['isSpecified', 'isMentioned'];
