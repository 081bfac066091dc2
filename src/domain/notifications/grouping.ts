import type { NotificationRow } from '../../infra/db/schema.js';

/** A notification as i/notifications-grouped lists it: a single row, or a run of reactions or renotes of one note. */
export type GroupedNotification =
  | { kind: 'single'; row: NotificationRow }
  | { kind: 'reaction:grouped'; id: string; createdAt: number; noteId: string; reactions: { userId: string; reaction: string }[] }
  | { kind: 'renote:grouped'; id: string; createdAt: number; noteId: string; userIds: string[] };

/**
 * Groups consecutive reactions to the same note and consecutive renotes of the same note
 * (rows newest first, as Misskey does). A group takes the id of its oldest member, so the
 * next page (untilId) continues after it, and is limited to `limit` entries.
 */
export function groupNotifications(rows: readonly NotificationRow[], limit: number): GroupedNotification[] {
  const out: GroupedNotification[] = [];
  let prev: NotificationRow | undefined;
  for (const row of rows) {
    const last = out.at(-1);
    if (prev && last && prev.type === 'reaction' && row.type === 'reaction' && prev.noteId === row.noteId) {
      const group = last.kind === 'reaction:grouped' ? last : toReactionGroup(prev);
      group.reactions.push({ userId: row.notifierId!, reaction: row.reaction! });
      group.id = row.id;
      out[out.length - 1] = group;
    } else if (prev && last && prev.type === 'renote' && row.type === 'renote' && prev.targetNoteId === row.targetNoteId) {
      const group = last.kind === 'renote:grouped' ? last : toRenoteGroup(prev);
      group.userIds.push(row.notifierId!);
      group.id = row.id;
      out[out.length - 1] = group;
    } else {
      out.push({ kind: 'single', row });
    }
    prev = row;
  }
  return out.slice(0, limit);
}

function toReactionGroup(first: NotificationRow): Extract<GroupedNotification, { kind: 'reaction:grouped' }> {
  return {
    kind: 'reaction:grouped',
    id: first.id,
    createdAt: first.createdAt,
    noteId: first.noteId!,
    reactions: [{ userId: first.notifierId!, reaction: first.reaction! }],
  };
}

function toRenoteGroup(first: NotificationRow): Extract<GroupedNotification, { kind: 'renote:grouped' }> {
  // compat: Misskey dates a renote group by its second member; we date it by the newest, as reaction groups.
  return { kind: 'renote:grouped', id: first.id, createdAt: first.createdAt, noteId: first.noteId!, userIds: [first.notifierId!] };
}
