import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { NoteRow, PollRow, UserRow } from '../../infra/db/schema.js';
import { isVisibleFor } from '../../domain/notes/visibility.js';
import type { Services } from '../../services.js';
import { DriveFilePacker } from './drive-file-packer.js';
import { UserPacker } from './user-packer.js';

type Note = entities.Note;

/** How to pack: detailed notes carry their reply, renote, poll and the caller's reaction. */
export interface NotePackOptions {
  detail?: boolean;
}

// Nested renotes are loaded this many levels deep (a quote of a quote of a quote); deeper ones keep only their renoteId.
const MAX_NESTING = 3;

/** Everything a page of notes needs, loaded with one query per relation. */
interface PackContext {
  me: UserRow | null;
  notes: Map<string, NoteRow>;
  users: Map<string, entities.UserLite>;
  reactions: Map<string, Record<string, number>>;
  myReactions: Map<string, string>;
  polls: Map<string, PollRow>;
  votes: Map<string, Map<number, number>>;
  myVotes: Map<string, Set<number>>;
  followed: Set<string>;
  files: Map<string, entities.DriveFile>;
}

/** Turns note rows into Misskey's Note entities, a whole page at a time in a fixed number of queries. */
export class NotePacker {
  constructor(private readonly svc: Services) {}

  async pack(note: NoteRow, me: UserRow | null, options: NotePackOptions = {}): Promise<Note> {
    return (await this.packMany([note], me, options))[0]!;
  }

  /** A user's pinned notes as UserDetailed carries them (`pinnedNoteIds`, `pinnedNotes`), as `viewer` sees them. */
  async pinnedOf(userId: string, viewer: UserRow | null): Promise<{ pinnedNoteIds: string[]; pinnedNotes: Note[] }> {
    const pinnedNoteIds = await this.svc.noteExtras.pinnedNoteIds(userId);
    const rows = await this.svc.notesRepo.findManyByIds(pinnedNoteIds);
    const pinnedNotes = await this.packMany(pinnedNoteIds.map((id) => rows.get(id)).filter((n): n is NoteRow => n !== undefined), viewer);
    return { pinnedNoteIds, pinnedNotes };
  }

  /** Packs `notes` in order, as `me` (null = anonymous) sees them. */
  async packMany(notes: readonly NoteRow[], me: UserRow | null, options: NotePackOptions = {}): Promise<Note[]> {
    if (notes.length === 0) return [];
    const detail = options.detail ?? true;
    const ctx = await this.#load(notes, me, detail);
    return notes.map((n) => this.#pack(n, ctx, detail, 0));
  }

  async #load(top: readonly NoteRow[], me: UserRow | null, detail: boolean): Promise<PackContext> {
    const notes = new Map(top.map((n) => [n.id, n]));
    // Only detailed notes nest: a detailed note's reply is plain, its renote detailed again.
    let detailed = detail ? [...top] : [];
    for (let level = 0; level < MAX_NESTING && detailed.length > 0; level++) {
      const wanted = detailed.flatMap((n) => [n.replyId, n.renoteId]).filter((id): id is string => id !== null && !notes.has(id));
      const found = await this.svc.notesRepo.findManyByIds(wanted);
      for (const [id, n] of found) notes.set(id, n);
      detailed = detailed.map((n) => (n.renoteId ? notes.get(n.renoteId) : undefined)).filter((n): n is NoteRow => n !== undefined && found.has(n.id));
    }
    const all = [...notes.values()];
    const ids = all.map((n) => n.id);
    const pollIds = all.filter((n) => n.hasPoll).map((n) => n.id);
    const followersAuthors = me ? all.filter((n) => n.visibility === 'followers' && n.userId !== me.id).map((n) => n.userId) : [];
    const fileIds = all.flatMap((n) => fromJson<string[]>(n.fileIds, []));
    const [userRows, reactions, myReactions, polls, votes, myVotes, followed, files] = await Promise.all([
      this.svc.usersRepo.findManyByIds(all.map((n) => n.userId)),
      this.svc.reactionsRepo.countsByNote(ids),
      me ? this.svc.reactionsRepo.reactionsOf(me.id, ids) : new Map<string, string>(),
      this.svc.notesRepo.findPolls(pollIds),
      this.svc.pollsRepo.voteCounts(pollIds),
      me ? this.svc.pollsRepo.choicesOf(me.id, pollIds) : new Map<string, Set<number>>(),
      me ? this.svc.relations.followedAmong(me.id, followersAuthors) : new Set<string>(),
      new DriveFilePacker(this.svc).packManyByIds(fileIds),
    ]);
    const lites = await new UserPacker(this.svc).packLiteMany([...userRows.values()]);
    return {
      me,
      notes,
      users: new Map(lites.map((u) => [u.id, u])),
      reactions,
      myReactions,
      polls: new Map(polls.map((p) => [p.noteId, p])),
      votes,
      myVotes,
      followed,
      files,
    };
  }

  #pack(n: NoteRow, ctx: PackContext, detail: boolean, depth: number): Note {
    const reactions = ctx.reactions.get(n.id) ?? {};
    const mentions = fromJson<string[]>(n.mentions, []);
    const tags = fromJson<string[]>(n.tags, []);
    const fileIds = fromJson<string[]>(n.fileIds, []);
    const packed: Note = {
      id: n.id,
      createdAt: new Date(n.createdAt).toISOString(),
      userId: n.userId,
      user: ctx.users.get(n.userId)!,
      text: n.text,
      cw: n.cw,
      visibility: n.visibility,
      localOnly: n.localOnly,
      reactionAcceptance: n.reactionAcceptance,
      renoteCount: n.renoteCount,
      repliesCount: n.repliesCount,
      reactionCount: Object.values(reactions).reduce((a, b) => a + b, 0),
      reactions,
      reactionEmojis: {},
      fileIds,
      files: fileIds.map((id) => ctx.files.get(id)).filter((file) => file !== undefined),
      replyId: n.replyId,
      renoteId: n.renoteId,
      channelId: n.channelId,
    };
    if (mentions.length > 0) packed.mentions = mentions;
    if (tags.length > 0) packed.tags = tags;
    if (n.visibility === 'specified') packed.visibleUserIds = fromJson<string[]>(n.visibleUserIds, []);
    if (n.uri) packed.uri = n.uri;
    if (n.url) packed.url = n.url;
    if (detail) {
      packed.clippedCount = 0;
      const reply = n.replyId ? ctx.notes.get(n.replyId) : undefined;
      const renote = n.renoteId && depth < MAX_NESTING ? ctx.notes.get(n.renoteId) : undefined;
      if (reply) packed.reply = this.#pack(reply, ctx, false, depth + 1);
      if (renote) packed.renote = this.#pack(renote, ctx, true, depth + 1);
      if (n.hasPoll) packed.poll = this.#poll(n.id, ctx);
      if (ctx.me && Object.keys(reactions).length > 0) packed.myReaction = ctx.myReactions.get(n.id) ?? null;
    }
    const meId = ctx.me?.id ?? null;
    if (!isVisibleFor(n, meId, ctx.followed.has(n.userId))) hide(packed);
    return packed;
  }

  #poll(noteId: string, ctx: PackContext): Note['poll'] {
    const poll = ctx.polls.get(noteId);
    if (!poll) return null;
    const counts = ctx.votes.get(noteId);
    const mine = ctx.myVotes.get(noteId);
    return {
      multiple: poll.multiple,
      expiresAt: poll.expiresAt === null ? null : new Date(poll.expiresAt).toISOString(),
      choices: fromJson<string[]>(poll.choices, []).map((text, i) => ({ text, votes: counts?.get(i) ?? 0, isVoted: mine?.has(i) ?? false })),
    };
  }
}

/** Blanks what a viewer may not see, keeping the rest, as Misskey's hidden notes. */
function hide(packed: Note): void {
  packed.isHidden = true;
  packed.text = null;
  packed.cw = null;
  packed.fileIds = [];
  packed.files = [];
  delete packed.poll;
  delete packed.visibleUserIds;
}
