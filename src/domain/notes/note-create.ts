import { createHash } from 'node:crypto';
import { toJson } from '../../infra/db/dialect.js';
import type { NoteRow, NoteVisibility, PollRow, ReactionAcceptance, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import { homeTimelineWrites } from '../timelines/home-timeline.repo.js';
import { extractRefs } from './mfm.js';
import { NoteWrites } from './note-writes.js';
import { isBlockedBy, type NotesDeps } from './notes.service.js';
import { isPureRenote, isVisibleFor } from './visibility.js';
import type { AudienceEntry } from './notes.repo.js';

/** What notes/create accepts (already validated). */
export interface NoteCreateInput {
  text?: string | null;
  cw?: string | null;
  visibility: NoteVisibility;
  visibleUserIds?: string[];
  localOnly: boolean;
  reactionAcceptance: ReactionAcceptance;
  replyId?: string | null;
  renoteId?: string | null;
  channelId?: string | null;
  fileIds?: string[];
  poll?: { choices: string[]; multiple?: boolean; expiresAt?: number | null; expiredAfter?: number | null } | null;
  noExtractMentions: boolean;
  noExtractHashtags: boolean;
  noExtractEmojis: boolean;
}

// compat: Misskey remembers a request's hash for 60 s and answers a repeat with the same note.
const IDEMPOTENCY_MS = 60_000;
const PROCESSING_MS = 30_000;
const PROCESSING = '_';

/**
 * Creates a note by `user` with Misskey's rules (reply/renote checks, visibility,
 * mentions, hashtags, poll), updates the counters and emits `note.created`. A request
 * repeated within a minute returns the note the first one created.
 */
export async function createNote(deps: NotesDeps, user: UserRow, input: NoteCreateInput): Promise<NoteRow> {
  const key = `note:idempotent:${user.id}:${createHash('sha256').update(JSON.stringify(input)).digest('base64')}`;
  // One round trip on the usual path (a first request), and two identical requests cannot both pass.
  if (!(await deps.kv.setIfAbsent(key, PROCESSING, PROCESSING_MS))) {
    const previous = await deps.kv.get(key);
    if (previous === PROCESSING) throw new DomainError('note.processing');
    const note = previous ? await deps.notes.findById(previous) : undefined;
    if (note) return note;
    await deps.kv.set(key, PROCESSING, PROCESSING_MS);
  }
  try {
    const note = await create(deps, user, input);
    await deps.kv.set(key, note.id, IDEMPOTENCY_MS);
    return note;
  } catch (err) {
    await deps.kv.del(key);
    throw err;
  }
}

async function create(deps: NotesDeps, user: UserRow, input: NoteCreateInput): Promise<NoteRow> {
  const fileIds = input.fileIds ?? [];
  const owned = await deps.notes.ownFileIds(user.id, fileIds);
  if (fileIds.some((id) => !owned.has(id))) throw new DomainError('note.noSuchFile');
  const renote = input.renoteId ? await checkRenote(deps, user, input.renoteId) : null;
  const reply = input.replyId ? await checkReply(deps, user, input.replyId, input.visibility) : null;
  let pollExpiresAt: number | null = null;
  if (input.poll) {
    if (typeof input.poll.expiresAt === 'number') {
      if (input.poll.expiresAt < Date.now()) throw new DomainError('note.pollExpired');
      pollExpiresAt = input.poll.expiresAt;
    } else if (typeof input.poll.expiredAfter === 'number') {
      pollExpiresAt = Date.now() + input.poll.expiredAfter;
    }
  }
  // compat: there are no channels yet, so every channel id is unknown.
  if (input.channelId) throw new DomainError('note.noSuchChannel');

  const policies = await deps.roles.policiesOf(user);
  let visibility = input.visibility;
  if (visibility === 'public' && !policies.canPublicNote) visibility = 'home';
  // A reply or renote of a non-public note may not be more public than its target;
  // renoting one's own followers-only note keeps it followers-only.
  if (visibility === 'public' && ((renote && renote.visibility !== 'public') || (reply && reply.visibility !== 'public'))) visibility = 'home';
  if (renote?.visibility === 'followers') visibility = 'followers';
  const localOnly = input.localOnly || Boolean(renote?.localOnly) || Boolean(reply?.localOnly);

  let text = input.text?.trim() ?? null;
  if (text === '') text = null;
  const cw = input.cw ?? null;
  const refs = extractRefs(text, cw);
  const mentioned = input.noExtractMentions ? [] : await resolveMentions(deps, refs.mentions);
  if (mentioned.length > policies.mentionLimit) throw new DomainError('note.tooManyMentions');

  const visibleUserIds = visibility === 'specified' ? await specifiedAudience(deps, input.visibleUserIds ?? [], reply) : [];
  const mentionIds = unique([...mentioned.map((u) => u.id), ...visibleUserIds]);

  const now = Date.now();
  const id = deps.ids.gen(now);
  const note: NoteRow = {
    id,
    createdAt: now,
    userId: user.id,
    userHost: user.host,
    replyId: reply?.id ?? null,
    renoteId: renote?.id ?? null,
    replyUserId: reply?.userId ?? null,
    replyUserHost: reply?.userHost ?? null,
    renoteUserId: renote?.userId ?? null,
    renoteUserHost: renote?.userHost ?? null,
    threadId: reply ? reply.threadId : id,
    text,
    cw,
    visibility,
    localOnly,
    reactionAcceptance: input.reactionAcceptance,
    visibleUserIds: toJson(visibleUserIds),
    mentions: toJson(mentionIds),
    tags: toJson(input.noExtractHashtags ? [] : refs.hashtags),
    emojis: toJson(input.noExtractEmojis ? [] : refs.emojis),
    fileIds: toJson(fileIds),
    hasPoll: Boolean(input.poll),
    channelId: null,
    repliesCount: 0,
    renoteCount: 0,
    reactions: '{}',
    uri: null,
    url: null,
  };
  const poll: PollRow | null = input.poll
    ? { noteId: id, choices: toJson(input.poll.choices), multiple: input.poll.multiple ?? false, expiresAt: pollExpiresAt, votes: toJson(input.poll.choices.map(() => 0)) }
    : null;
  const audience: AudienceEntry[] = [
    ...mentionIds.map((userId) => ({ userId, kind: 'mention' as const })),
    ...visibleUserIds.map((userId) => ({ userId, kind: 'visible' as const })),
  ];

  // Shares its commit with the notes posted at the same time.
  await NoteWrites.of(deps.db).run(async (trx) => {
    await deps.notes.insert(trx, note, audience, poll);
    await deps.notes.addToNotesCount(trx, user.id, 1);
    if (reply) await deps.notes.addToCounter(trx, reply.id, 'repliesCount', 1);
    if (renote && countsAsRenote(renote, user)) await deps.notes.addToCounter(trx, renote.id, 'renoteCount', 1);
    await homeTimelineWrites.addNote(trx, note);
    // With the note, so a crash cannot leave a poll that never announces its end.
    if (poll?.expiresAt != null) {
      await deps.queue.enqueue('endedPollNotification', { noteId: id }, { delay: Math.max(0, poll.expiresAt - now), jobId: `endedPoll-${id}`, transaction: trx });
    }
  });

  deps.events.emit('note.created', {
    noteId: id,
    userId: user.id,
    visibility,
    replyId: note.replyId,
    replyUserId: note.replyUserId,
    renoteId: note.renoteId,
    renoteUserId: note.renoteUserId,
    isPureRenote: isPureRenote(note),
    mentionedUserIds: mentionIds,
    visibleUserIds,
    note,
    author: user,
  });
  return note;
}

/** Renotes by others than the target's author (and not by bots) count, as in Misskey. */
export function countsAsRenote(renote: Pick<NoteRow, 'userId'>, renoter: Pick<UserRow, 'id' | 'isBot'>): boolean {
  return renote.userId !== renoter.id && !renoter.isBot;
}

/** Misskey's checks on a renote target; returns it. */
export async function checkRenote(deps: NotesDeps, user: UserRow, renoteId: string): Promise<NoteRow> {
  const renote = await deps.notes.findById(renoteId);
  if (!renote) throw new DomainError('note.noSuchRenoteTarget');
  if (isPureRenote(renote)) throw new DomainError('note.cannotRenotePureRenote');
  if (renote.userId !== user.id && (await isBlockedBy(deps, renote.userId, user.id))) throw new DomainError('user.blocked');
  if ((renote.visibility === 'followers' && renote.userId !== user.id) || renote.visibility === 'specified') {
    throw new DomainError('note.cannotRenoteDueToVisibility');
  }
  return renote;
}

/** Misskey's checks on a reply target; returns it. */
export async function checkReply(deps: NotesDeps, user: UserRow, replyId: string, visibility: NoteVisibility): Promise<NoteRow> {
  const reply = await deps.notes.findById(replyId);
  if (!reply) throw new DomainError('note.noSuchReplyTarget');
  if (isPureRenote(reply)) throw new DomainError('note.cannotReplyToPureRenote');
  const follows = reply.visibility === 'followers' && (await deps.relations.isFollowing(user.id, reply.userId));
  if (!isVisibleFor(reply, user.id, follows)) throw new DomainError('note.cannotReplyToInvisible');
  if (reply.visibility === 'specified' && visibility !== 'specified') throw new DomainError('note.cannotReplyToSpecifiedWithExtendedVisibility');
  // Bots answering bots could loop forever; Misskey refuses it.
  if (user.isBot && reply.userId !== user.id && (await deps.users.findById(reply.userId))?.isBot) throw new DomainError('note.replyToBot');
  if (reply.userId !== user.id && (await isBlockedBy(deps, reply.userId, user.id))) throw new DomainError('user.blocked');
  return reply;
}

async function resolveMentions(deps: NotesDeps, mentions: { username: string; host: string | null }[]): Promise<UserRow[]> {
  const localHost = new URL(deps.config.publicUrl).host.toLowerCase();
  const found = await Promise.all(
    mentions.map((m) => {
      const host = m.host === null || m.host.toLowerCase() === localHost ? null : m.host;
      return deps.users.findByUsername(m.username, host);
    }),
  );
  const users = found.filter((u): u is UserRow => u !== undefined);
  return [...new Map(users.map((u) => [u.id, u])).values()];
}

/** A specified note's recipients: the given users that exist, plus the author of the note replied to. */
async function specifiedAudience(deps: NotesDeps, ids: string[], reply: NoteRow | null): Promise<string[]> {
  const existing = [...(await deps.users.findManyByIds(ids)).keys()];
  const wanted = ids.filter((id) => existing.includes(id));
  if (reply && !wanted.includes(reply.userId)) wanted.push(reply.userId);
  return wanted;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
