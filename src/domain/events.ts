import { EventEmitter } from 'node:events';
import type { NoteRow, NotificationRow, UserRow } from '../infra/db/schema.js';

/**
 * What happened in the domain, for the parts that react to it (notifications, streaming,
 * counters) without the acting code knowing them. Emitted after the change is committed.
 * Payloads carry ids and the rows needed to react; add an event here when a feature needs one.
 */
export interface DomainEvents {
  'user.created': { userId: string };
  /**
   * Columns of these users' `user` or `user_image` rows were written (flags, token, activity, …)
   * by a writer no other event here names; cached copies (UserCache) are stale.
   */
  'user.changed': { userIds: string[] };
  'follow.created': { followerId: string; followeeId: string };
  'follow.deleted': { followerId: string; followeeId: string };
  /** A follow's settings (withReplies, notify) changed; `followeeId` null: every follow of the follower. */
  'follow.updated': { followerId: string; followeeId: string | null };
  'followRequest.created': { followerId: string; followeeId: string };
  'followRequest.accepted': { followerId: string; followeeId: string };
  'block.created': { blockerId: string; blockeeId: string };
  'block.deleted': { blockerId: string; blockeeId: string };
  /** A mute or renote mute was added, removed or changed. */
  'mute.changed': { muterId: string; muteeId: string };
  /** A note was posted; the ids tell a reply from a renote, a quote and a mention. */
  'note.created': {
    noteId: string;
    userId: string;
    visibility: 'public' | 'home' | 'followers' | 'specified';
    replyId: string | null;
    replyUserId: string | null;
    renoteId: string | null;
    renoteUserId: string | null;
    /** A renote without text, cw, files or poll (otherwise a renote is a quote). */
    isPureRenote: boolean;
    mentionedUserIds: string[];
    /** Recipients of a specified note. */
    visibleUserIds: string[];
    /** The committed row and its author (as authenticated), so listeners need not read them back. */
    note: NoteRow;
    author: UserRow;
  };
  /** `replyId`/`renoteId`: the notes whose counters the deletion changed. */
  'note.deleted': { noteId: string; userId: string; deletedAt: number; replyId: string | null; renoteId: string | null };
  /** `emoji` is the custom emoji used (`name@.` and its url), null for a Unicode reaction. */
  'reaction.created': { noteId: string; noteUserId: string; userId: string; reaction: string; emoji?: { name: string; url: string } | null };
  'reaction.deleted': { noteId: string; noteUserId: string; userId: string; reaction: string };
  'poll.voted': { noteId: string; noteUserId: string; userId: string; choice: number };
  'token.created': { userId: string; tokenId: string };
  'signin.succeeded': { userId: string; ip: string };
  /** The user's profile or settings (i/update) changed, e.g. muted instances or hard-muted words. */
  'profile.updated': { userId: string };
  /** The account was deleted by its owner; its content is for the other areas to remove. */
  'account.deleted': { userId: string };
  'driveFile.created': { fileId: string; userId: string | null };
  'driveFile.deleted': { fileId: string; userId: string | null };
  'notification.created': { notification: NotificationRow };
  'notification.readAll': { userId: string };
  'notification.flushed': { userId: string };
  /** A list's members changed (`updated`: a member's withReplies; `listDeleted`: the whole list went, `userId` is its owner). */
  'userList.membershipChanged': { listId: string; userId: string; change: 'added' | 'removed' | 'updated' | 'listDeleted'; withReplies?: boolean };
  /** A note addressed to `userId` (a mention, or specified when `isSpecified`) is unread for them; `id` is the unread row. */
  'noteUnread.created': { id: string; userId: string; noteId: string; isSpecified: boolean };
  /** After a read, `userId` has no unread mentions (`mentions`) and/or no unread specified notes (`specified`) left. */
  'noteUnread.allRead': { userId: string; mentions: boolean; specified: boolean };
  /** Who hears of a new note on the main stream (mention/reply/renote events), after thread mutes. */
  'note.addressed': { noteId: string; note: NoteRow; mentionedUserIds: string[]; replyUserId: string | null; renoteUserId: string | null };
}

export type DomainEventName = keyof DomainEvents;
export type DomainEventListener<K extends DomainEventName> = (payload: DomainEvents[K]) => void | Promise<void>;

/** A typed, in-process event hub built once in the composition root; listener failures are reported, never thrown back. */
export class DomainEventHub {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly onListenerError: (err: unknown, event: string) => void) {
    this.#emitter.setMaxListeners(100);
  }

  on<K extends DomainEventName>(event: K, listener: DomainEventListener<K>): () => void {
    const wrapped = (payload: DomainEvents[K]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((err: unknown) => this.onListenerError(err, event));
      } catch (err) {
        this.onListenerError(err, event);
      }
    };
    this.#emitter.on(event, wrapped);
    return () => this.#emitter.off(event, wrapped);
  }

  emit<K extends DomainEventName>(event: K, payload: DomainEvents[K]): void {
    this.#emitter.emit(event, payload);
  }
}
