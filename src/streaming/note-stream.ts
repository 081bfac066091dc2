import type { entities } from 'misskey-js';
import type { ChannelContext } from './channel.js';
import { jsonOf } from './hub.js';
import type { Viewer } from './viewer.js';

type Note = entities.Note;

/** Bus topic of every new note; each process's timeline channels filter it per socket. */
export const NOTES_TOPIC = 'notes';

/**
 * One new note as published once for every receiver: packed in full (as its author sees it,
 * without the author's own reactions and votes), plus facts from its row. Channels decide per
 * socket whether it may be seen; nested notes a socket may not see are blanked on the way out.
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

/**
 * Mutes and blocks common to every note channel: notes involving a muted user, a user who
 * blocks the viewer or whom the viewer blocks, a muted instance, renotes by a renote-muted
 * user, or hard-muted words. Runs per socket for every note, so it allocates nothing.
 */
export function isMutedOrBlocked(ev: NoteEvent, viewer: Viewer | null): boolean {
  if (!viewer) return false;
  const { note } = ev;
  // The users a note involves: its author and the authors of what it replies to or renotes.
  if (hides(note.user, viewer) || hides(note.reply?.user, viewer) || hides(note.renote?.user, viewer) || hides(note.renote?.reply?.user, viewer)) return true;
  if (ev.isPureRenote && viewer.renoteMuting.has(note.userId)) return true;
  return viewer.hardMutedWords.length > 0 && matchesMutedWords(note, viewer.hardMutedWords);
}

function hides(user: Note['user'] | undefined, viewer: Viewer): boolean {
  if (!user || user.id === viewer.user.id) return false;
  // compat: Misskey filters only users who block the viewer; notes of users the viewer blocks are dropped too.
  if (viewer.muting.has(user.id) || viewer.blockedBy.has(user.id) || viewer.blocking.has(user.id)) return true;
  return user.host !== null && viewer.mutedInstances.has(user.host.toLowerCase());
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

/** The nested notes of a packed note: what it replies to and renotes, and the renote's own reply. */
function nestedParts(note: Note): Note[] {
  return [note.reply, note.renote, note.renote?.reply].filter((n): n is Note => !!n);
}

/** Whether a nested note (a reply or renote target) is visible to `viewer`, judged from its packing. */
function partVisible(part: Note, viewer: Viewer | null): boolean {
  if (part.visibility === 'public' || part.visibility === 'home') return true;
  if (!viewer) return false;
  const me = viewer.user.id;
  if (part.userId === me) return true;
  if (part.visibility === 'specified') return part.visibleUserIds?.includes(me) ?? false;
  return viewer.following.has(part.userId) || (part.mentions?.includes(me) ?? false);
}

/** Blanks a nested note the viewer may not see, as Misskey's hidden notes. */
function hidePart(part: Note): void {
  part.isHidden = true;
  part.text = null;
  part.cw = null;
  part.fileIds = [];
  part.files = [];
  delete part.poll;
  delete part.visibleUserIds;
}

/**
 * Sends a note that passed the channel's rules. The shared packing is sent as is (serialised
 * once for all sockets) unless this viewer needs its own copy: nested notes the viewer may not
 * see are blanked, and a pure renote gets the viewer's reaction, as Misskey does. Synchronous
 * in the common case: no promise per socket when a thousand receive the note.
 */
export function sendNote(ctx: ChannelContext, ev: NoteEvent): void | Promise<void> {
  const { note } = ev;
  // The common case, a note without reply or renote, allocates nothing per socket.
  if (!note.reply && !note.renote) return ctx.sendShared('note', note);
  const viewer = ctx.viewer;
  const hidden = nestedParts(note).filter((part) => !partVisible(part, viewer));
  const wantsReaction = viewer !== null && ev.isPureRenote && !!note.renote && Object.keys(note.renote.reactions).length > 0;
  if (hidden.length === 0 && !wantsReaction) return ctx.sendShared('note', note);
  return sendOwnCopy(ctx, ev, hidden, wantsReaction);
}

async function sendOwnCopy(ctx: ChannelContext, ev: NoteEvent, hidden: Note[], wantsReaction: boolean): Promise<void> {
  const own = JSON.parse(jsonOf(ev.note)) as Note;
  for (const part of nestedParts(own)) {
    if (hidden.some((h) => h.id === part.id)) hidePart(part);
  }
  const viewer = ctx.viewer;
  if (wantsReaction && viewer && own.renote) {
    const mine = await ctx.deps.svc.reactionsRepo.reactionsOf(viewer.user.id, [own.renote.id]);
    own.renote.myReaction = mine.get(own.renote.id) ?? null;
  }
  ctx.send('note', own);
}

/** Removes what only the packing viewer should see (their reactions and votes), leaving the packing neutral. */
export function neutralise(note: Note): Note {
  for (const part of [note, ...nestedParts(note)]) {
    delete part.myReaction;
    if (part.poll) part.poll.choices = part.poll.choices.map((c) => ({ ...c, isVoted: false }));
  }
  return note;
}
