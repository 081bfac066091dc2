import type { entities } from 'misskey-js';
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
  /** Notifiers whose follow request to the viewer is still pending. */
  pendingRequesters: Set<string>;
}

const NOTE_TYPES = new Set(['note', 'mention', 'reply', 'renote', 'quote', 'reaction', 'pollEnded']);

/**
 * Turns notification rows into Misskey's Notification entities for their recipient, in the same
 * statements whatever the page holds (the note page's, plus pending follow requests). Notifications whose note or notifier is gone, or whose
 * follow request was already answered, are left out, as Misskey does.
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
    const requesters = rows.filter((r) => r.type === 'receiveFollowRequest' && r.notifierId).map((r) => r.notifierId!);
    // The notifiers are packed with the notes' authors, in the note page's statements.
    const [{ notes, users }, pendingRequesters] = await Promise.all([
      new NotePacker(this.svc).packByIds([...new Set(noteIds)], me, userIds),
      this.svc.notifications.pendingFollowRequesters(me.id, requesters),
    ]);
    return { users, notes, pendingRequesters };
  }

  #single(row: NotificationRow, rel: Relations): Notification | null {
    const base = { id: row.id, createdAt: new Date(row.createdAt).toISOString() };
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
        return user ? { ...base, type: row.type, user, userId: user.id, note: note! } : null;
      case 'reaction':
        return user ? { ...base, type: 'reaction', user, userId: user.id, note: note!, reaction: row.reaction ?? '' } : null;
      case 'pollEnded':
        // compat: Misskey's pollEnded has no notifier; misskey-js requires user/userId, so we name the poll's author.
        return { ...base, type: 'pollEnded', user: note!.user, userId: note!.userId, note: note! };
      case 'follow':
        return user ? { ...base, type: 'follow', user, userId: user.id } : null;
      case 'receiveFollowRequest':
        return user && rel.pendingRequesters.has(user.id) ? { ...base, type: 'receiveFollowRequest', user, userId: user.id } : null;
      case 'followRequestAccepted':
        return user ? { ...base, type: 'followRequestAccepted', user, userId: user.id, message: row.message } : null;
      case 'achievementEarned':
        return { ...base, type: 'achievementEarned', achievement: row.achievement as entities.AchievementName };
      case 'exportCompleted':
        return { ...base, type: 'exportCompleted', exportedEntity: row.exportedEntity as ExportedEntity, fileId: row.fileId ?? '' };
      case 'app':
        return { ...base, type: 'app', body: row.customBody ?? '', header: row.customHeader, icon: row.customIcon };
      case 'login':
      case 'createToken':
      case 'test':
        return { ...base, type: row.type };
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

type ExportedEntity = Extract<Notification, { type: 'exportCompleted' }>['exportedEntity'];
