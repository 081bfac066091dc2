import type { Kysely } from 'kysely';
import { fromJson } from '../../infra/db/dialect.js';
import type { DB, NoteRow } from '../../infra/db/schema.js';
import type { DomainEventHub } from '../events.js';
import { isPureRenote } from '../notes/visibility.js';
import type { RelationsRepo } from '../social/relations.repo.js';
import type { NotificationsService } from './notifications.service.js';

type NoteReason = 'mention' | 'reply' | 'renote' | 'quote';

/**
 * Decides who hears of a new note, as Misskey's NoteCreateService: mentioned users, the author
 * replied to, the author renoted or quoted (one notification each, reply/renote/quote winning
 * over mention), and followers who asked to be notified of the author's notes.
 */
export class NoteNotifier {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly notifications: NotificationsService,
    private readonly relations: RelationsRepo,
    private readonly events: DomainEventHub,
  ) {}

  /** Creates the notifications of a new note (its committed row) and emits `note.addressed` for the main-stream events. */
  async noteCreated(note: NoteRow): Promise<void> {
    const noteId = note.id;
    const target = note.renoteId
      ? await this.db.selectFrom('note').select(['id', 'threadId']).where('id', '=', note.renoteId).executeTakeFirst()
      : undefined;
    const isRenote = note.renoteId !== null;
    const isQuote = isRenote && !isPureRenote(note);
    const mentionedIds = fromJson<string[]>(note.mentions, []);
    const threadMuters = await this.#threadMuters(
      [...mentionedIds, note.replyUserId, note.renoteUserId].filter((x): x is string => x !== null),
      [note.threadId, target?.threadId ?? target?.id].filter((x): x is string => x !== undefined),
    );

    const reasons = new Map<string, NoteReason>();
    const push = (userId: string, reason: NoteReason) => {
      if (userId === note.userId) return;
      // A user both mentioned and replied to (or renoted) hears of the reply (or renote), not the mention.
      if (!reasons.has(userId) || reason !== 'mention') reasons.set(userId, reason);
    };
    const mentioned = mentionedIds.filter((id) => !threadMuters.has(`${id}:${note.threadId}`));
    for (const id of mentioned) push(id, 'mention');
    const replied = note.replyUserId !== null && note.replyUserHost === null && !threadMuters.has(`${note.replyUserId}:${note.threadId}`)
      ? note.replyUserId
      : null;
    if (replied) push(replied, 'reply');
    const targetThread = target?.threadId ?? target?.id;
    if (isRenote && note.renoteUserId !== null && note.renoteUserHost === null && !threadMuters.has(`${note.renoteUserId}:${targetThread}`)) {
      push(note.renoteUserId, isQuote ? 'quote' : 'renote');
    }

    this.events.emit('note.addressed', {
      noteId,
      note,
      mentionedUserIds: mentioned,
      replyUserId: replied,
      renoteUserId: isRenote && note.renoteUserId !== note.userId && note.renoteUserHost === null ? note.renoteUserId : null,
    });
    for (const [userId, reason] of reasons) {
      const data = reason === 'renote' ? { noteId, targetNoteId: note.renoteId! } : { noteId };
      await this.notifications.create(userId, reason, data, note.userId);
    }
    if (note.visibility !== 'specified') await this.#notifySubscribers(note.userId, noteId, isRenote && !isQuote);
  }

  /** `note` notifications for followers who follow the author with notify = 'normal'. */
  async #notifySubscribers(authorId: string, noteId: string, pureRenote: boolean): Promise<void> {
    const rows = await this.db
      .selectFrom('following')
      .select('followerId')
      .where('followeeId', '=', authorId)
      .where('notify', '=', 'normal')
      .execute();
    for (const { followerId } of rows) {
      if (pureRenote && (await this.relations.renoteMutedUserIds(followerId)).includes(authorId)) continue;
      await this.notifications.create(followerId, 'note', { noteId }, authorId);
    }
  }

  /** `pollEnded` for the poll's author and every local voter. */
  async pollEnded(noteId: string): Promise<void> {
    const note = await this.db.selectFrom('note').select(['id', 'userId', 'hasPoll']).where('id', '=', noteId).executeTakeFirst();
    if (!note || !note.hasPoll) return;
    const voters = await this.db
      .selectFrom('poll_vote')
      .innerJoin('user', 'user.id', 'poll_vote.userId')
      .select('poll_vote.userId')
      .where('poll_vote.noteId', '=', noteId)
      .where('user.host', 'is', null)
      .execute();
    for (const userId of new Set([note.userId, ...voters.map((v) => v.userId)])) {
      // Misskey names no notifier here, so mutes and self-suppression do not apply.
      await this.notifications.create(userId, 'pollEnded', { noteId });
    }
  }

  /** `userId:threadId` pairs of the given users who muted one of the given threads. */
  async #threadMuters(userIds: string[], threadIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0 || threadIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('note_thread_muting')
      .select(['userId', 'threadId'])
      .where('userId', 'in', [...new Set(userIds)])
      .where('threadId', 'in', [...new Set(threadIds)])
      .execute();
    return new Set(rows.map((r) => `${r.userId}:${r.threadId}`));
  }
}
