import type { Selectable } from 'kysely';

/** Notes and what hangs off them: audience, reactions, polls, favorites, pins, drafts, custom emoji. */
export interface NotesTables {
  note: NoteTable;
  note_audience: NoteAudienceTable;
  note_reaction: NoteReactionTable;
  poll: PollTable;
  poll_vote: PollVoteTable;
  note_favorite: NoteFavoriteTable;
  note_thread_muting: NoteThreadMutingTable;
  user_note_pining: UserNotePiningTable;
  note_draft: NoteDraftTable;
  emoji: EmojiTable;
}

export type NoteVisibility = 'public' | 'home' | 'followers' | 'specified';
export type ReactionAcceptance = null | 'likeOnly' | 'likeOnlyForRemote' | 'nonSensitiveOnly' | 'nonSensitiveOnlyForLocalLikeOnlyForRemote';

export interface NoteTable {
  id: string;
  createdAt: number;
  userId: string;
  /** The author's host (null = local), denormalised for timelines. */
  userHost: string | null;
  replyId: string | null;
  renoteId: string | null;
  /** Authors of the reply/renote targets, denormalised for visibility and mute filters. */
  replyUserId: string | null;
  replyUserHost: string | null;
  renoteUserId: string | null;
  renoteUserHost: string | null;
  /** The root of the conversation (own id for a note that is not a reply). */
  threadId: string;
  text: string | null;
  cw: string | null;
  visibility: NoteVisibility;
  localOnly: boolean;
  reactionAcceptance: ReactionAcceptance;
  /** JSON string[] of user ids (specified notes). */
  visibleUserIds: string;
  /** JSON string[] of mentioned user ids. */
  mentions: string;
  /** JSON string[] of normalised hashtags. */
  tags: string;
  /** JSON string[] of custom emoji names used in text/cw. */
  emojis: string;
  /** JSON string[] of drive file ids, in attachment order. */
  fileIds: string;
  hasPoll: boolean;
  channelId: string | null;
  repliesCount: number;
  renoteCount: number;
  /** JSON `{reaction: count}`, kept by the reactions service with the note_reaction rows (Misskey's note.reactions). */
  reactions: string;
  /** ActivityPub id and page of remote notes; null for local ones. */
  uri: string | null;
  url: string | null;
}

/** Users a note is addressed to: mentioned, or listed in a specified note's visibleUserIds. */
export interface NoteAudienceTable {
  noteId: string;
  userId: string;
  kind: 'mention' | 'visible';
}

export interface NoteReactionTable {
  id: string;
  createdAt: number;
  noteId: string;
  userId: string;
  /** Unicode emoji or `:name@.:` / `:name@host:`. */
  reaction: string;
}

export interface PollTable {
  noteId: string;
  /** JSON string[]. */
  choices: string;
  multiple: boolean;
  expiresAt: number | null;
  /** JSON number[]: votes per choice, kept by the polls service with the poll_vote rows (Misskey's poll.votes). */
  votes: string;
}

export interface PollVoteTable {
  id: string;
  createdAt: number;
  noteId: string;
  userId: string;
  choice: number;
}

export interface NoteFavoriteTable {
  id: string;
  createdAt: number;
  noteId: string;
  userId: string;
}

export interface NoteThreadMutingTable {
  id: string;
  createdAt: number;
  userId: string;
  threadId: string;
}

export interface UserNotePiningTable {
  id: string;
  createdAt: number;
  userId: string;
  noteId: string;
}

export interface NoteDraftTable {
  id: string;
  userId: string;
  /** JSON of the draft's fields (text, cw, visibility, replyId, renoteId, poll, …). */
  data: string;
  updatedAt: number;
}

export interface EmojiTable {
  id: string;
  updatedAt: number | null;
  name: string;
  /** null = local. */
  host: string | null;
  category: string | null;
  originalUrl: string;
  publicUrl: string;
  uri: string | null;
  type: string | null;
  /** JSON string[]. */
  aliases: string;
  license: string | null;
  localOnly: boolean;
  isSensitive: boolean;
  /** JSON string[]. */
  roleIdsThatCanBeUsedThisEmojiAsReaction: string;
}

export type NoteRow = Selectable<NoteTable>;
export type NoteReactionRow = Selectable<NoteReactionTable>;
export type PollRow = Selectable<PollTable>;
export type PollVoteRow = Selectable<PollVoteTable>;
export type NoteFavoriteRow = Selectable<NoteFavoriteTable>;
export type NoteDraftRow = Selectable<NoteDraftTable>;
export type EmojiRow = Selectable<EmojiTable>;

export const NOTES_BOOLEAN_COLUMNS = ['localOnly', 'hasPoll', 'multiple', 'isSensitive'];
