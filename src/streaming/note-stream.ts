import type { entities } from 'misskey-js';
import { NotePacker } from '../api/entities/note-packer.js';
import type { UserRow } from '../infra/db/schema.js';
import type { ChannelContext } from './channel.js';
import type { Viewer } from './viewer.js';

type Note = entities.Note;

/** Bus topic of every new note; each process's timeline channels filter it per socket. */
export const NOTES_TOPIC = 'notes';

/**
 * One new note as published once for every receiver: packed for an anonymous viewer, plus the
 * facts that packing may blank out (a hidden note loses its files and audience).
 */
export interface NoteEvent {
  note: Note;
  userHost: string | null;
  mentions: string[];
  visibleUserIds: string[];
  hasFiles: boolean;
  isPureRenote: boolean;
  tags: string[];
}

/** Whether `viewer` (null = anonymous) may see the note at all (Misskey's isVisibleForMe). */
export function canSee(ev: NoteEvent, viewer: Viewer | null): boolean {
  const { note } = ev;
  if (note.visibility === 'public' || note.visibility === 'home') return true;
  if (!viewer) return false;
  const me = viewer.user.id;
  if (note.userId === me) return true;
  if (note.visibility === 'specified') return ev.visibleUserIds.includes(me);
  return viewer.following.has(note.userId) || ev.mentions.includes(me) || note.reply?.userId === me;
}

/** The users a note involves: its author and the authors of what it replies to or renotes. */
function involvedUsers(note: Note): (Note['user'] | undefined)[] {
  return [note.user, note.reply?.user, note.renote?.user, note.renote?.reply?.user];
}

/**
 * Mutes and blocks common to every note channel: notes involving a muted user, a user who
 * blocks the viewer or whom the viewer blocks, a muted instance, renotes by a renote-muted
 * user, or hard-muted words.
 */
export function isMutedOrBlocked(ev: NoteEvent, viewer: Viewer | null): boolean {
  if (!viewer) return false;
  for (const user of involvedUsers(ev.note)) {
    if (!user || user.id === viewer.user.id) continue;
    // compat: Misskey filters only users who block the viewer; notes of users the viewer blocks are dropped too.
    if (viewer.muting.has(user.id) || viewer.blockedBy.has(user.id) || viewer.blocking.has(user.id)) return true;
    if (user.host !== null && viewer.mutedInstances.has(user.host.toLowerCase())) return true;
  }
  if (ev.isPureRenote && viewer.renoteMuting.has(ev.note.userId)) return true;
  return viewer.hardMutedWords.length > 0 && matchesMutedWords(ev.note, viewer.hardMutedWords);
}

/** Misskey's word mute: an entry is either keywords that must all appear, or a `/regex/flags` string. */
export function matchesMutedWords(note: Note, words: readonly (readonly string[] | string)[]): boolean {
  const text = [note.cw, note.text, note.renote?.cw, note.renote?.text].filter((t): t is string => !!t).join('\n');
  if (text === '') return false;
  const lower = text.toLowerCase();
  return words.some((entry) => {
    if (Array.isArray(entry)) {
      const keywords = entry.filter((k) => k !== '');
      return keywords.length > 0 && keywords.every((k) => lower.includes(k.toLowerCase()));
    }
    const match = /^\/(.+)\/([a-z]*)$/.exec(entry as string);
    if (!match) return false;
    try {
      return new RegExp(match[1], match[2]).test(text);
    } catch {
      return false;
    }
  });
}

/**
 * The reply rule of home/hybrid/local timelines: a reply shows when it is to the viewer, by
 * the viewer or to the author themself, or when replies are wanted (then a reply to a
 * followers-only note of someone the viewer does not follow still stays out).
 */
export function replyAllowed(note: Note, viewer: Viewer | null, withReplies: boolean): boolean {
  const reply = note.reply;
  if (!reply) return true;
  const me = viewer?.user.id;
  const wanted = withReplies || (viewer?.following.get(note.userId)?.withReplies ?? false);
  if (wanted) return !(reply.visibility === 'followers' && reply.userId !== me && !viewer?.following.has(reply.userId));
  return reply.userId === me || note.userId === me || reply.userId === note.userId;
}

/** A pure renote of a reply to a followers-only note of someone the viewer does not follow stays out. */
export function renotedReplyAllowed(ev: NoteEvent, viewer: Viewer): boolean {
  const reply = ev.isPureRenote ? ev.note.renote?.reply : undefined;
  if (!reply || reply.visibility !== 'followers') return true;
  return reply.userId === viewer.user.id || viewer.following.has(reply.userId);
}

function hasHiddenPart(note: Note): boolean {
  return !!(note.isHidden || note.reply?.isHidden || note.renote?.isHidden || note.renote?.reply?.isHidden);
}

/**
 * Sends a note that passed the channel's rules. The shared packing is sent as is (serialised
 * once for all sockets) unless this viewer needs its own: a part hidden from anonymous
 * viewers is re-packed for the viewer, and a pure renote gets the viewer's reaction, as Misskey does.
 */
export async function sendNote(ctx: ChannelContext, ev: NoteEvent): Promise<void> {
  const viewer = ctx.viewer;
  const needsOwn = viewer && (hasHiddenPart(ev.note) || (ev.isPureRenote && Object.keys(ev.note.renote?.reactions ?? {}).length > 0));
  if (!needsOwn) {
    if (ev.note.isHidden) return;
    ctx.sendShared('note', ev.note);
    return;
  }
  const own = await packFor(ctx, ev.note.id, viewer.user);
  if (!own || own.isHidden) return;
  ctx.send('note', own);
}

async function packFor(ctx: ChannelContext, noteId: string, me: UserRow): Promise<Note | undefined> {
  const svc = ctx.deps.svc;
  const row = await svc.notesRepo.findById(noteId);
  return row ? new NotePacker(svc).pack(row, me, { detail: true }) : undefined;
}
