import type { entities } from 'misskey-js';
import type { ReadableNote } from '../../domain/note-unreads/note-unreads.service.js';
import type { GroupedNotification } from '../../domain/notifications/grouping.js';
import type { NotificationRow, UserRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';
import { NotePacker } from './note-packer.js';

type Notification = entities.Notification;
type Note = entities.Note;
type UserLite = entities.UserLite;

/** What a notification's relations resolve to, loaded once per page. */
interface Relations {
  users: Map<string, UserLite>;
  notes: Map<string, Note>;
}

const NOTE_TYPES = new Set(['note', 'mention', 'reply', 'renote', 'quote', 'reaction', 'pollEnded']);

/** Notification types whose note the recipient has read once the notification is listed (Misskey's rule). */
const READ_NOTE_TYPES = new Set(['mention', 'reply', 'quote']);

/**
 * Turns notification rows into Misskey's Notification entities for their recipient, in the note
 * page's statements whatever the page holds. Notifications whose note or notifier is gone are
 * left out, as Misskey does (answered follow requests are already left out of the rows).
 */
export class NotificationPacker {
  constructor(private readonly svc: Services) {}

  async packMany(rows: readonly NotificationRow[], me: UserRow): Promise<Notification[]> {
    const rel = await this.#load(rows, [], me);
    return rows.map((row) => this.#single(row, rel)).filter((n): n is Notification => n !== null);
  }

  /** The entries of i/notifications-grouped. */
  async packGrouped(groups: readonly GroupedNotification[], me: UserRow): Promise<Notification[]> {
    const rows = groups.flatMap((g) => (g.kind === 'single' ? [g.row] : []));
    const extraUsers = groups.flatMap((g) =>
      g.kind === 'reaction:grouped' ? g.reactions.map((r) => r.userId) : g.kind === 'renote:grouped' ? g.userIds : [],
    );
    const extraNotes = groups.flatMap((g) => (g.kind === 'single' ? [] : [g.noteId]));
    const rel = await this.#load(rows, extraUsers, me, extraNotes);
    const out: Notification[] = [];
    for (const g of groups) {
      const packed = g.kind === 'single' ? this.#single(g.row, rel) : this.#group(g, rel);
      if (packed) out.push(packed);
    }
    return out;
  }

  async #load(rows: readonly NotificationRow[], extraUserIds: string[], me: UserRow, extraNoteIds: string[] = []): Promise<Relations> {
    const userIds = [...rows.flatMap((r) => (r.notifierId ? [r.notifierId] : [])), ...extraUserIds];
    const noteIds = [...rows.flatMap((r) => (r.noteId && NOTE_TYPES.has(r.type) ? [r.noteId] : [])), ...extraNoteIds];
    // The notifiers are packed with the notes' authors, in the note page's statements.
    return new NotePacker(this.svc).packByIds([...new Set(noteIds)], me, userIds);
  }

  #single(row: NotificationRow, rel: Relations): Notification | null {
    // Literals rather than spreads of a shared base: this runs for every notification of a page.
    const id = row.id;
    const createdAt = new Date(row.createdAt).toISOString();
    const note = row.noteId ? rel.notes.get(row.noteId) : undefined;
    const user = row.notifierId ? rel.users.get(row.notifierId) : undefined;
    if (row.notifierId && !user) return null;
    if (NOTE_TYPES.has(row.type) && !note) return null;
    switch (row.type) {
      case 'note':
      case 'mention':
      case 'reply':
      case 'renote':
      case 'quote':
        return user ? { id, createdAt, type: row.type, user, userId: user.id, note: note! } : null;
      case 'reaction':
        return user ? { id, createdAt, type: 'reaction', user, userId: user.id, note: note!, reaction: row.reaction ?? '' } : null;
      case 'pollEnded':
        // compat: Misskey's pollEnded has no notifier; misskey-js requires user/userId, so we name the poll's author.
        return { id, createdAt, type: 'pollEnded', user: note!.user, userId: note!.userId, note: note! };
      case 'follow':
        return user ? { id, createdAt, type: 'follow', user, userId: user.id } : null;
      case 'receiveFollowRequest':
        return user ? { id, createdAt, type: 'receiveFollowRequest', user, userId: user.id } : null;
      case 'followRequestAccepted':
        return user ? { id, createdAt, type: 'followRequestAccepted', user, userId: user.id, message: row.message } : null;
      case 'achievementEarned':
        return { id, createdAt, type: 'achievementEarned', achievement: row.achievement as entities.AchievementName };
      case 'exportCompleted':
        return { id, createdAt, type: 'exportCompleted', exportedEntity: row.exportedEntity as ExportedEntity, fileId: row.fileId ?? '' };
      case 'app':
        return { id, createdAt, type: 'app', body: row.customBody ?? '', header: row.customHeader, icon: row.customIcon };
      case 'login':
      case 'createToken':
      case 'test':
        return { id, createdAt, type: row.type };
      default:
        // roleAssigned and chat invitations need entities this server does not have yet.
        return null;
    }
  }

  #group(g: Exclude<GroupedNotification, { kind: 'single' }>, rel: Relations): Notification | null {
    const note = rel.notes.get(g.noteId);
    if (!note) return null;
    const base = { id: g.id, createdAt: new Date(g.createdAt).toISOString(), note };
    if (g.kind === 'reaction:grouped') {
      const reactions = g.reactions.flatMap((r) => {
        const user = rel.users.get(r.userId);
        return user ? [{ user, reaction: r.reaction }] : [];
      });
      return reactions.length > 0 ? { ...base, type: 'reaction:grouped', reactions } : null;
    }
    const users = g.userIds.flatMap((id) => rel.users.get(id) ?? []);
    return users.length > 0 ? { ...base, type: 'renote:grouped', users } : null;
  }
}

/**
 * The notes a listed page shows as read (mentions, replies and quotes), in the shape
 * NoteUnreadsService.read takes: taken from the packed notes, so no statement reads them again.
 */
export function notesReadIn(packed: readonly Notification[]): ReadableNote[] {
  const out: ReadableNote[] = [];
  for (const n of packed) {
    if (!READ_NOTE_TYPES.has(n.type) || !('note' in n)) continue;
    const { id, userId, mentions, visibleUserIds } = n.note;
    out.push({ id, userId, mentions: JSON.stringify(mentions ?? []), visibleUserIds: JSON.stringify(visibleUserIds ?? []) });
  }
  return out;
}

type ExportedEntity = Extract<Notification, { type: 'exportCompleted' }>['exportedEntity'];
