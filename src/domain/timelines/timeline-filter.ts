import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { NoteRow } from '../../infra/db/schema.js';
import { isPureRenote } from '../notes/visibility.js';
import type { ViewerRelations } from '../social/relations.repo.js';
import type { TimelineOptions } from './timelines.repo.js';

/**
 * What a timeline needs to know about its viewer: their id and relations (cached per viewer,
 * see ViewerRelationsCache).
 */
export interface TimelineViewer extends ViewerRelations {
  id: string;
}

/** The fields of a note the timeline rules look at; built from a row or from a packed Note. */
export interface TimelineNote {
  userId: string;
  userHost: string | null;
  visibility: NoteRow['visibility'];
  visibleUserIds: string[];
  mentions: string[];
  replyId: string | null;
  replyUserId: string | null;
  replyUserHost: string | null;
  /** The replied-to note's visibility, when known. */
  replyVisibility: NoteRow['visibility'] | null;
  renoteId: string | null;
  renoteUserId: string | null;
  renoteUserHost: string | null;
  pureRenote: boolean;
  text: string | null;
  cw: string | null;
  channelId: string | null;
}

const NO_IDS: string[] = [];

/** A note row (and its reply target, when loaded) as the timeline rules see it. */
export function timelineNoteOfRow(note: NoteRow, reply?: NoteRow): TimelineNote {
  return {
    userId: note.userId,
    userHost: note.userHost,
    visibility: note.visibility,
    // Only the visibility rule of specified and followers-only notes reads these lists.
    visibleUserIds: note.visibility === 'specified' ? fromJson<string[]>(note.visibleUserIds, []) : NO_IDS,
    mentions: note.visibility === 'followers' ? fromJson<string[]>(note.mentions, []) : NO_IDS,
    replyId: note.replyId,
    replyUserId: note.replyUserId,
    replyUserHost: note.replyUserHost,
    replyVisibility: reply?.visibility ?? null,
    renoteId: note.renoteId,
    renoteUserId: note.renoteUserId,
    renoteUserHost: note.renoteUserHost,
    pureRenote: isPureRenote(note),
    text: note.text,
    cw: note.cw,
    channelId: note.channelId,
  };
}

/** A packed Note as the timeline rules see it (for live timelines over the bus). */
export function timelineNoteOfPacked(note: entities.Note): TimelineNote {
  const pureRenote = note.renoteId != null && note.text == null && note.cw == null && (note.fileIds ?? []).length === 0 && note.poll == null;
  return {
    userId: note.userId,
    userHost: note.user.host,
    visibility: note.visibility,
    visibleUserIds: note.visibleUserIds ?? [],
    mentions: note.mentions ?? [],
    replyId: note.replyId ?? null,
    replyUserId: note.reply?.userId ?? null,
    replyUserHost: note.reply?.user.host ?? null,
    replyVisibility: note.reply?.visibility ?? null,
    renoteId: note.renoteId ?? null,
    renoteUserId: note.renote?.userId ?? null,
    renoteUserHost: note.renote?.user.host ?? null,
    pureRenote,
    text: note.text,
    cw: note.cw ?? null,
    channelId: note.channelId ?? null,
  };
}

/**
 * The rules every timeline applies for a signed-in viewer: the viewer may see the note;
 * no muted or blocking/blocked user is its author, reply target or renote target; no
 * renote by a renote-muted user; no muted instance; no hard-muted word; and no reply to a
 * followers-only note of someone the viewer does not follow.
 */
export function passesTimelineFilters(note: TimelineNote, viewer: TimelineViewer): boolean {
  if (!visibleTo(note, viewer)) return false;
  const related = [note.userId, note.replyUserId, note.renoteUserId].filter((id): id is string => id !== null && id !== viewer.id);
  if (related.some((id) => viewer.muted.has(id) || viewer.blocking.has(id) || viewer.blockedBy.has(id))) return false;
  if (note.pureRenote && viewer.renoteMuted.has(note.userId)) return false;
  const hosts = [note.userHost, note.replyUserHost, note.renoteUserHost].filter((h): h is string => h !== null);
  if (hosts.some((h) => viewer.mutedInstances.has(h.toLowerCase()))) return false;
  if (note.userId !== viewer.id && hasMutedWord(note, viewer.hardMutedWords)) return false;
  if (note.replyVisibility === 'followers' && note.replyUserId !== null && note.replyUserId !== viewer.id && !viewer.following.has(note.replyUserId)) {
    return false;
  }
  return true;
}

/** Whether a note belongs in the viewer's home timeline: their own or a followee's, replies per follow setting. */
export function isHomeTimelineNote(note: TimelineNote, viewer: TimelineViewer): boolean {
  if (note.channelId !== null) return false;
  const own = note.userId === viewer.id;
  if (!own && !viewer.following.has(note.userId)) return false;
  return own || isShownReply(note, viewer.id, viewer.following.get(note.userId)?.withReplies ?? false);
}

/**
 * The request's switches that SQL applies to the other sources (withFiles, withRenotes and the
 * renote flags), for a row read from home_timeline alone.
 */
export function passesTimelineOptions(note: NoteRow, viewerId: string, options: TimelineOptions): boolean {
  if (options.withFiles && fromJson<string[]>(note.fileIds, []).length === 0) return false;
  if (!isPureRenote(note)) return true;
  if (!options.withRenotes) return false;
  if (!options.includeMyRenotes && note.userId === viewerId) return false;
  if (!options.includeRenotedMyNotes && note.renoteUserId === viewerId) return false;
  return options.includeLocalRenotes || note.renoteUserHost !== null;
}

/** Misskey's reply rule: replies to others show only with `withReplies`, except self-replies and replies to the viewer. */
export function isShownReply(note: Pick<TimelineNote, 'replyId' | 'replyUserId' | 'userId'>, viewerId: string | null, withReplies: boolean): boolean {
  if (note.replyId === null || withReplies) return true;
  return note.replyUserId === note.userId || note.userId === viewerId || (viewerId !== null && note.replyUserId === viewerId);
}

function visibleTo(note: TimelineNote, viewer: TimelineViewer): boolean {
  if (note.visibility === 'public' || note.visibility === 'home' || note.userId === viewer.id) return true;
  if (note.visibility === 'specified') return note.visibleUserIds.includes(viewer.id);
  return note.replyUserId === viewer.id || note.mentions.includes(viewer.id) || viewer.following.has(note.userId);
}

function hasMutedWord(note: TimelineNote, words: readonly (string[] | string)[]): boolean {
  if (words.length === 0) return false;
  const text = [note.cw, note.text].filter((t): t is string => t !== null).join('\n');
  if (text === '') return false;
  const lower = text.toLowerCase();
  return words.some((word) => {
    if (Array.isArray(word)) return word.length > 0 && word.every((w) => lower.includes(w.toLowerCase()));
    const match = /^\/(.+)\/(.*)$/.exec(word);
    if (!match) return false;
    try {
      return new RegExp(match[1]!, match[2]).test(text);
    } catch {
      return false;
    }
  });
}
