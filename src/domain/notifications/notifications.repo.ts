import { sql, type Insertable, type Kysely } from 'kysely';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, NotificationRow, NotificationTable } from '../../infra/db/schema.js';

// `i` answers it on every call: one statement (the read marker as a sub-query), compiled once.
// Ids are non-empty strings, so '' stands for "no marker": every notification is newer.
const unreadCountOf = precompiled((db, userId: string) =>
  db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('notifieeId', '=', userId)
    .where('id', '>', (eb) =>
      eb.fn.coalesce(eb.selectFrom('notification_read_marker').select('readUpToId').where('userId', '=', userId), eb.val('')),
    ),
);

/**
 * A user's notifications as a page shows them: suspended notifiers vanish (and come back if the
 * suspension is lifted), and so does a follow request that was answered or withdrawn, as in
 * Misskey's packing; filtered here, so a page is full and needs no second statement.
 */
function pageOf(db: Kysely<DB>, notifieeId: string) {
  return db
    .selectFrom('notification')
    .leftJoin('user as notifier', 'notifier.id', 'notification.notifierId')
    .selectAll('notification')
    .where('notification.notifieeId', '=', notifieeId)
    .where((eb) => eb.or([eb('notification.notifierId', 'is', null), eb('notifier.isSuspended', '=', false)]))
    .where((eb) =>
      eb.or([
        eb('notification.type', '!=', 'receiveFollowRequest'),
        eb.exists(
          eb
            .selectFrom('follow_request')
            .select('follow_request.id')
            .whereRef('follow_request.followeeId', '=', 'notification.notifieeId')
            .whereRef('follow_request.followerId', '=', 'notification.notifierId'),
        ),
      ]),
    );
}

const plainPageOf = precompiled((db, notifieeId: string, limit: number) => pageOf(db, notifieeId).orderBy('notification.id', 'desc').limit(limit));

// Moves the read marker to the user's newest notification; returns a row when it moved.
const markAllReadOf = precompiled((db, userId: string) =>
  db
    .insertInto('notification_read_marker')
    .columns(['userId', 'readUpToId'])
    .expression(
      db
        .selectFrom('notification')
        .select([sql<string>`cast(${userId} as text)`.as('userId'), 'id as readUpToId'])
        .where('notifieeId', '=', userId)
        .orderBy('id', 'desc')
        .limit(1),
    )
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({ readUpToId: (eb) => eb.ref('excluded.readUpToId') }).where('notification_read_marker.readUpToId', '<', (eb) => eb.ref('excluded.readUpToId')),
    )
    .returning('userId'),
);

/** Which notifications of one user a page asks for. */
export interface NotificationQuery {
  notifieeId: string;
  limit: number;
  sinceId?: string;
  untilId?: string;
  includeTypes?: readonly string[];
  excludeTypes?: readonly string[];
  /** Notifiers whose notifications are hidden (the notifiee's current mutes). */
  hiddenNotifierIds: readonly string[];
  /** Hosts the notifiee muted: notifications from users there are hidden. */
  mutedHosts: readonly string[];
}

/** Queries on `notification` and `notification_read_marker`; no rules. */
export class NotificationsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: Insertable<NotificationTable>): Promise<NotificationRow> {
    await this.db.insertInto('notification').values(row).execute();
    return { ...EMPTY_ROW, ...row } as NotificationRow;
  }

  /** A page of notifications, newest first (with sinceId too, as Misskey's notification timeline). */
  async findPage(q: NotificationQuery): Promise<NotificationRow[]> {
    const plain = !q.sinceId && !q.untilId && !q.includeTypes?.length && !q.excludeTypes?.length && q.hiddenNotifierIds.length === 0 && q.mutedHosts.length === 0;
    // The usual page (no cursor, filter or mutes) is one statement compiled once.
    if (plain) return plainPageOf(this.db, q.notifieeId, q.limit);
    let query = pageOf(this.db, q.notifieeId);
    if (q.sinceId) query = query.where('notification.id', '>', q.sinceId);
    if (q.untilId) query = query.where('notification.id', '<', q.untilId);
    if (q.includeTypes && q.includeTypes.length > 0) query = query.where('notification.type', 'in', [...q.includeTypes]);
    else if (q.excludeTypes && q.excludeTypes.length > 0) query = query.where('notification.type', 'not in', [...q.excludeTypes]);
    if (q.hiddenNotifierIds.length > 0) {
      const hidden = [...q.hiddenNotifierIds];
      query = query.where((eb) => eb.or([eb('notification.notifierId', 'is', null), eb('notification.notifierId', 'not in', hidden)]));
    }
    if (q.mutedHosts.length > 0) {
      const hosts = [...q.mutedHosts];
      query = query.where((eb) => eb.or([eb('notifier.host', 'is', null), eb('notifier.host', 'not in', hosts)]));
    }
    return query.orderBy('notification.id', 'desc').limit(q.limit).execute();
  }

  /** The id of the user's newest notification, if any. */
  async latestId(notifieeId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('notification')
      .select('id')
      .where('notifieeId', '=', notifieeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  async findReadUpTo(userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('notification_read_marker').select('readUpToId').where('userId', '=', userId).executeTakeFirst();
    return row?.readUpToId;
  }

  /** Moves the read marker forward to `id` (never back). */
  async setReadUpTo(userId: string, id: string): Promise<void> {
    await this.db
      .insertInto('notification_read_marker')
      .values({ userId, readUpToId: id })
      .onConflict((oc) => oc.column('userId').doUpdateSet({ readUpToId: id }).where('notification_read_marker.readUpToId', '<', id))
      .execute();
  }

  /**
   * Moves the read marker to the user's newest notification, in one statement. True when it
   * moved (something was unread), false when there was nothing to mark.
   */
  async markAllRead(userId: string): Promise<boolean> {
    return (await markAllReadOf(this.db, userId)).length > 0;
  }

  /** How many notifications of the user are newer than the read marker. */
  async countUnread(userId: string): Promise<number> {
    const [row] = await unreadCountOf(this.db, userId);
    return Number(row!.n);
  }

  /** Deletes every notification of the user and the read marker. */
  async deleteAll(userId: string): Promise<void> {
    await this.db.deleteFrom('notification').where('notifieeId', '=', userId).execute();
    await this.db.deleteFrom('notification_read_marker').where('userId', '=', userId).execute();
  }

  /** Which of `userIds` are members of the list. */
  async listMembersAmong(userListId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('user_list_membership')
      .select('userId')
      .where('userListId', '=', userListId)
      .where('userId', 'in', [...userIds])
      .execute();
    return new Set(rows.map((r) => r.userId));
  }

  /** The name and icon of an access token, for app notifications without their own header/icon. */
  findAccessToken(id: string): Promise<{ name: string | null; iconUrl: string | null } | undefined> {
    return this.db.selectFrom('access_token').select(['name', 'iconUrl']).where('id', '=', id).executeTakeFirst();
  }
}

const EMPTY_ROW: Omit<NotificationRow, 'id' | 'createdAt' | 'notifieeId' | 'type'> = {
  notifierId: null,
  noteId: null,
  targetNoteId: null,
  reaction: null,
  message: null,
  roleId: null,
  achievement: null,
  exportedEntity: null,
  fileId: null,
  appAccessTokenId: null,
  customBody: null,
  customHeader: null,
  customIcon: null,
};
