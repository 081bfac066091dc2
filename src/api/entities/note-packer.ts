import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { NoteRow, UserRow } from '../../infra/db/schema.js';
import { MAX_NESTING, type PagePoll } from '../../domain/notes/note-pages.repo.js';
import { isVisibleFor } from '../../domain/notes/visibility.js';
import type { Services } from '../../services.js';
import { DriveFilePacker } from './drive-file-packer.js';
import { UserPacker } from './user-packer.js';

type Note = entities.Note;
type UserLite = entities.UserLite;

/** How to pack: detailed notes carry their reply, renote, poll and the caller's reaction. */
export interface NotePackOptions {
  detail?: boolean;
  /** Rows this request already loaded (a TimelinePage's): the notes and their targets. */
  loaded?: ReadonlyMap<string, NoteRow>;
}

/** Everything a page of notes needs, loaded in a fixed set of statements whatever the page holds. */
interface PackContext {
  me: UserRow | null;
  notes: ReadonlyMap<string, NoteRow>;
  /** The caller's reaction on each note that has one. */
  myReactions: ReadonlyMap<string, string>;
  users: Map<string, UserLite>;
  polls: Map<string, PagePoll>;
  /** The caller's followees (followers-only notes). */
  followed: ReadonlyMap<string, unknown>;
  files: Map<string, entities.DriveFile>;
}

const NOBODY: ReadonlyMap<string, unknown> = new Map();

const NO_REACTIONS: ReadonlyMap<string, string> = new Map();

/**
 * Turns note rows into Misskey's Note entities, a whole page at a time: the notes with their
 * targets (from the note cache, the rows it lacks in one statement), the caller's reactions, the
 * authors with their images, the polls with the caller's votes and the files are one statement
 * each; reaction and vote counts come with the rows, and the caller's follows from the cached
 * viewer relations.
 */
export class NotePacker {
  constructor(private readonly svc: Services) {}

  async pack(note: NoteRow, me: UserRow | null, options: NotePackOptions = {}): Promise<Note> {
    return (await this.packMany([note], me, options))[0]!;
  }

  /** A user's pinned notes as UserDetailed carries them (`pinnedNoteIds`, `pinnedNotes`), as `viewer` sees them. */
  async pinnedOf(userId: string, viewer: UserRow | null): Promise<{ pinnedNoteIds: string[]; pinnedNotes: Note[] }> {
    const pinnedNoteIds = await this.svc.noteExtras.pinnedNoteIds(userId);
    const { notes } = await this.packByIds(pinnedNoteIds, viewer, []);
    return { pinnedNoteIds, pinnedNotes: pinnedNoteIds.flatMap((id) => notes.get(id) ?? []) };
  }

  /** Packs `notes` in order, as `me` (null = anonymous) sees them. */
  async packMany(notes: readonly NoteRow[], me: UserRow | null, options: NotePackOptions = {}): Promise<Note[]> {
    if (notes.length === 0) return [];
    const detail = options.detail ?? true;
    const ids = notes.map((n) => n.id);
    const preloaded = options.loaded && ids.every((id) => options.loaded!.has(id)) ? options.loaded : undefined;
    const ctx = await this.#load(ids, me, detail, [], preloaded);
    return notes.map((n) => this.#pack(ctx.notes.get(n.id) ?? n, ctx, detail, 0));
  }

  /**
   * Packs (in detail) the notes `ids` that still exist, and UserLite of `userIds` in the same
   * statements: what a page of notifications shows.
   */
  async packByIds(ids: readonly string[], me: UserRow | null, userIds: readonly string[]): Promise<{ notes: Map<string, Note>; users: Map<string, UserLite> }> {
    const ctx = await this.#load(ids, me, true, userIds);
    const notes = new Map<string, Note>();
    for (const id of ids) {
      const row = ctx.notes.get(id);
      if (row) notes.set(id, this.#pack(row, ctx, true, 0));
    }
    return { notes, users: ctx.users };
  }

  async #load(ids: readonly string[], me: UserRow | null, detail: boolean, userIds: readonly string[], loaded?: ReadonlyMap<string, NoteRow>): Promise<PackContext> {
    const meId = me?.id ?? null;
    const notes = loaded ?? (await this.svc.noteCache.withTargets(ids, detail));
    const all = [...notes.values()];
    const noteIds = all.map((n) => n.id);
    const [users, myReactions, polls, files, relations] = await Promise.all([
      new UserPacker(this.svc).packLiteManyByIds([...all.map((n) => n.userId), ...userIds]),
      meId !== null && detail ? this.svc.notePages.myReactions(noteIds, meId) : NO_REACTIONS,
      this.svc.notePages.polls(noteIds, meId),
      this.#files(all),
      me ? this.svc.viewerRelations.get(me.id) : undefined,
    ]);
    return { me, notes, myReactions, users, polls, followed: relations?.following ?? NOBODY, files };
  }

  async #files(notes: readonly NoteRow[]): Promise<Map<string, entities.DriveFile>> {
    if (notes.length === 0) return new Map();
    const rows = await this.svc.notePages.files(notes.flatMap((n) => fromJson<string[]>(n.fileIds, [])));
    const packed = await new DriveFilePacker(this.svc).packMany(rows);
    return new Map(packed.map((f) => [f.id, f]));
  }

  #pack(n: NoteRow, ctx: PackContext, detail: boolean, depth: number): Note {
    const reactions = fromJson<Record<string, number>>(n.reactions, {});
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
    const found = ctx.polls.get(noteId);
    if (!found) return null;
    const { poll, myChoices } = found;
    const votes = fromJson<number[]>(poll.votes, []);
    return {
      multiple: poll.multiple,
      expiresAt: poll.expiresAt === null ? null : new Date(poll.expiresAt).toISOString(),
      choices: fromJson<string[]>(poll.choices, []).map((text, i) => ({ text, votes: votes[i] ?? 0, isVoted: myChoices.has(i) })),
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
