import { sql, type Kysely } from 'kysely';
import { fromJson } from '../../infra/db/dialect.js';
import type { DB } from '../../infra/db/schema.js';

/**
 * Read-only questions about the social graph that notes, timelines, notifications and
 * streaming all ask. Batched: each takes sets of ids and answers with one query.
 */
export class RelationsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('following')
      .select('id')
      .where('followerId', '=', followerId)
      .where('followeeId', '=', followeeId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Which of `userIds` does `followerId` follow. */
  async followedAmong(followerId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('following')
      .select('followeeId')
      .where('followerId', '=', followerId)
      .where('followeeId', 'in', [...new Set(userIds)])
      .execute();
    return new Set(rows.map((r) => r.followeeId));
  }

  /** Everyone `userId` follows. */
  async followeeIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('following').select('followeeId').where('followerId', '=', userId).execute();
    return rows.map((r) => r.followeeId);
  }

  /** Everyone `userId` follows, with whether their replies to others are shown. */
  async followingsOf(userId: string): Promise<Map<string, { withReplies: boolean }>> {
    const rows = await this.db.selectFrom('following').select(['followeeId', 'withReplies']).where('followerId', '=', userId).execute();
    return new Map(rows.map((r) => [r.followeeId, { withReplies: r.withReplies }]));
  }

  /** Everyone who follows `userId`. */
  async followerIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('following').select('followerId').where('followeeId', '=', userId).execute();
    return rows.map((r) => r.followerId);
  }

  /** True when either user blocks the other. */
  async isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('blocking')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blockerId', '=', a), eb('blockeeId', '=', b)]),
          eb.and([eb('blockerId', '=', b), eb('blockeeId', '=', a)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Users who block `userId` (their notes are hidden from `userId`). */
  async blockerIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('blocking').select('blockerId').where('blockeeId', '=', userId).execute();
    return rows.map((r) => r.blockerId);
  }

  /** Users `userId` blocks. */
  async blockeeIdsOf(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('blocking').select('blockeeId').where('blockerId', '=', userId).execute();
    return rows.map((r) => r.blockeeId);
  }

  /** Users `userId` mutes now (expired mutes excluded). */
  async mutedUserIds(userId: string, now: number = Date.now()): Promise<string[]> {
    const rows = await this.db
      .selectFrom('muting')
      .select('muteeId')
      .where('muterId', '=', userId)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .execute();
    return rows.map((r) => r.muteeId);
  }

  /** Users whose renotes `userId` muted. */
  async renoteMutedUserIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('renote_muting').select('muteeId').where('muterId', '=', userId).execute();
    return rows.map((r) => r.muteeId);
  }

  /**
   * Everything about `userId`'s relations that filters what they read (follows, mutes, renote
   * mutes, blocks both ways, muted instances and hard-muted words), in one statement. Also
   * when the answer goes stale by itself: the earliest expiry of a mute, if any.
   */
  async viewerRelations(userId: string, now: number = Date.now()): Promise<{ relations: ViewerRelations; expiresAt: number | null }> {
    const { rows } = await sql<{ kind: string; id: string; withReplies: boolean | null; expiresAt: number | string | null }>`
      select 'following' as "kind", "followeeId" as "id", "withReplies", null as "expiresAt" from "following" where "followerId" = ${userId}
      union all select 'muting', "muteeId", null, "expiresAt" from "muting" where "muterId" = ${userId} and ("expiresAt" is null or "expiresAt" > ${now})
      union all select 'renoteMuting', "muteeId", null, null from "renote_muting" where "muterId" = ${userId}
      union all select 'blocking', "blockeeId", null, null from "blocking" where "blockerId" = ${userId}
      union all select 'blockedBy', "blockerId", null, null from "blocking" where "blockeeId" = ${userId}
      union all select 'settings', "settings", null, null from "user_profile" where "userId" = ${userId}
    `.execute(this.db);
    const relations = { following: new Map<string, { withReplies: boolean }>(), muted: new Set<string>(), renoteMuted: new Set<string>(), blocking: new Set<string>(), blockedBy: new Set<string>(), mutedInstances: new Set<string>(), hardMutedWords: [] as (string[] | string)[] };
    let expiresAt: number | null = null;
    for (const r of rows) {
      if (r.kind === 'following') relations.following.set(r.id, { withReplies: Boolean(r.withReplies) });
      else if (r.kind === 'muting') relations.muted.add(r.id);
      else if (r.kind === 'renoteMuting') relations.renoteMuted.add(r.id);
      else if (r.kind === 'blocking') relations.blocking.add(r.id);
      else if (r.kind === 'blockedBy') relations.blockedBy.add(r.id);
      else if (r.kind === 'settings') {
        const settings = fromJson<{ mutedInstances?: string[]; hardMutedWords?: (string[] | string)[] }>(r.id, {});
        for (const host of settings.mutedInstances ?? []) relations.mutedInstances.add(host.toLowerCase());
        relations.hardMutedWords = settings.hardMutedWords ?? [];
      }
      if (r.expiresAt !== null) expiresAt = Math.min(expiresAt ?? Infinity, Number(r.expiresAt));
    }
    return { relations, expiresAt };
  }

  /**
   * How `viewerId` relates to each of `targetIds`, in one query per relation kind.
   * Targets without any relation get all-false entries.
   */
  async relationsWith(viewerId: string, targetIds: readonly string[], now: number = Date.now()): Promise<Map<string, UserRelation>> {
    const ids = [...new Set(targetIds)];
    const result = new Map<string, UserRelation>(ids.map((id) => [id, { ...NO_RELATION, id }]));
    if (ids.length === 0) return result;
    const db = this.db;
    const [following, followed, reqFrom, reqTo, blocking, blocked, muted, renoteMuted] = await Promise.all([
      db.selectFrom('following').select(['followeeId as t', 'notify', 'withReplies']).where('followerId', '=', viewerId).where('followeeId', 'in', ids).execute(),
      db.selectFrom('following').select('followerId as t').where('followeeId', '=', viewerId).where('followerId', 'in', ids).execute(),
      db.selectFrom('follow_request').select('followeeId as t').where('followerId', '=', viewerId).where('followeeId', 'in', ids).execute(),
      db.selectFrom('follow_request').select('followerId as t').where('followeeId', '=', viewerId).where('followerId', 'in', ids).execute(),
      db.selectFrom('blocking').select('blockeeId as t').where('blockerId', '=', viewerId).where('blockeeId', 'in', ids).execute(),
      db.selectFrom('blocking').select('blockerId as t').where('blockeeId', '=', viewerId).where('blockerId', 'in', ids).execute(),
      db
        .selectFrom('muting')
        .select('muteeId as t')
        .where('muterId', '=', viewerId)
        .where('muteeId', 'in', ids)
        .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
        .execute(),
      db.selectFrom('renote_muting').select('muteeId as t').where('muterId', '=', viewerId).where('muteeId', 'in', ids).execute(),
    ]);
    for (const r of following) Object.assign(result.get(r.t)!, { isFollowing: true, notify: r.notify, withReplies: r.withReplies });
    for (const r of followed) result.get(r.t)!.isFollowed = true;
    for (const r of reqFrom) result.get(r.t)!.hasPendingFollowRequestFromYou = true;
    for (const r of reqTo) result.get(r.t)!.hasPendingFollowRequestToYou = true;
    for (const r of blocking) result.get(r.t)!.isBlocking = true;
    for (const r of blocked) result.get(r.t)!.isBlocked = true;
    for (const r of muted) result.get(r.t)!.isMuted = true;
    for (const r of renoteMuted) result.get(r.t)!.isRenoteMuted = true;
    return result;
  }
}

/** What a viewer's reading is filtered by (see RelationsRepo.viewerRelations). */
export interface ViewerRelations {
  /** Followee id → whether the viewer sees that followee's replies to others. */
  following: ReadonlyMap<string, { withReplies: boolean }>;
  /** Users muted now (expired mutes excluded). */
  muted: ReadonlySet<string>;
  renoteMuted: ReadonlySet<string>;
  /** Users the viewer blocks, and users who block the viewer. */
  blocking: ReadonlySet<string>;
  blockedBy: ReadonlySet<string>;
  /** Lower-cased hosts. */
  mutedInstances: ReadonlySet<string>;
  /** Words hidden server-side: lists of words that must all appear, or `/regexp/flags`. */
  hardMutedWords: readonly (string[] | string)[];
}

/** The caller's relation to one user, as `users/relation` and UserDetailed report it. */
export interface UserRelation {
  id: string;
  isFollowing: boolean;
  isFollowed: boolean;
  hasPendingFollowRequestFromYou: boolean;
  hasPendingFollowRequestToYou: boolean;
  isBlocking: boolean;
  isBlocked: boolean;
  isMuted: boolean;
  isRenoteMuted: boolean;
  /** The follow's settings; present only while following. */
  notify?: 'normal' | 'none';
  withReplies?: boolean;
}

const NO_RELATION: Omit<UserRelation, 'id'> = {
  isFollowing: false,
  isFollowed: false,
  hasPendingFollowRequestFromYou: false,
  hasPendingFollowRequestToYou: false,
  isBlocking: false,
  isBlocked: false,
  isMuted: false,
  isRenoteMuted: false,
};
