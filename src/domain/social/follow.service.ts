import type { UserRow } from '../../infra/db/schema.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { PageParams } from '../notes/paging.js';
import { settingsOf } from '../users/settings.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { FollowsRepo } from './follows.repo.js';
import type { RelationsRepo } from './relations.repo.js';

/** A follow's per-follower settings (following/create and following/update). */
export interface FollowSettings {
  notify?: 'normal' | 'none';
  withReplies?: boolean;
}

/** Following, unfollowing and follow requests between local users, with Misskey's rules. */
export class FollowService {
  constructor(
    private readonly repo: FollowsRepo,
    private readonly users: UsersRepo,
    private readonly relations: RelationsRepo,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** The user `id`, or `user.notFound`; `follow.self` when it is `notSelfId`. */
  async getUser(id: string, notSelfId?: string): Promise<UserRow> {
    if (id === notSelfId) throw new DomainError('follow.self');
    const user = await this.users.findById(id);
    if (!user || user.isDeleted) throw new DomainError('user.notFound');
    return user;
  }

  /**
   * Follows `followeeId`, or files a follow request when the followee is locked (or a
   * careful bot followed by a bot) unless it auto-accepts people it follows.
   */
  async follow(follower: UserRow, followeeId: string, settings: FollowSettings = {}): Promise<{ followee: UserRow; requested: boolean }> {
    if (follower.id === followeeId) throw new DomainError('follow.self');
    const followee = await this.getUser(followeeId);
    if (await this.repo.findFollowing(follower.id, followee.id)) throw new DomainError('follow.already');
    const relation = (await this.relations.relationsWith(follower.id, [followee.id])).get(followee.id)!;
    if (relation.isBlocking) throw new DomainError('follow.blocking');
    if (relation.isBlocked) throw new DomainError('follow.blocked');

    const followeeSettings = settingsOf(await this.users.findProfile(followee.id));
    const needsApproval = followee.isLocked || (followeeSettings.carefulBot && follower.isBot);
    const autoAccept = followeeSettings.autoAcceptFollowed && relation.isFollowed;
    const withReplies = settings.withReplies ?? false;
    if (needsApproval && !autoAccept) {
      // compat: Misskey fails with a duplicate-key 500 on a repeated request; we keep the first one.
      if (relation.hasPendingFollowRequestFromYou) return { followee, requested: true };
      await this.repo.insertRequest({ id: this.ids.gen(), createdAt: Date.now(), followerId: follower.id, followeeId: followee.id, withReplies });
      this.events.emit('followRequest.created', { followerId: follower.id, followeeId: followee.id });
      return { followee, requested: true };
    }
    await this.#insert(follower, followee, withReplies, settings.notify);
    return { followee, requested: false };
  }

  /** Stops `followerId` following `followeeId`; `follow.notFollowing` when it did not. */
  async unfollow(followerId: string, followeeId: string): Promise<void> {
    if (!(await this.repo.deleteFollowing(followerId, followeeId))) throw new DomainError('follow.notFollowing');
    this.events.emit('follow.deleted', { followerId, followeeId });
  }

  /** Changes one follow's settings. */
  async update(followerId: string, followeeId: string, settings: FollowSettings): Promise<void> {
    if (!(await this.repo.findFollowing(followerId, followeeId))) throw new DomainError('follow.notFollowing');
    await this.repo.updateFollowing(followerId, followeeId, settings);
    this.events.emit('follow.updated', { followerId, followeeId });
  }

  /** Changes the settings of every follow of `followerId`. */
  async updateAll(followerId: string, settings: FollowSettings): Promise<void> {
    await this.repo.updateFollowing(followerId, null, settings);
    this.events.emit('follow.updated', { followerId, followeeId: null });
  }

  /** Accepts `followerId`'s pending request to follow `followee`. */
  async acceptRequest(followee: UserRow, followerId: string): Promise<void> {
    const request = await this.repo.findRequest(followerId, followee.id);
    if (!request) throw new DomainError('follow.noRequest');
    const follower = await this.getUser(followerId);
    await this.#insert(follower, followee, request.withReplies);
    this.events.emit('followRequest.accepted', { followerId, followeeId: followee.id });
  }

  /** Accepts every pending request to follow `followee` (when it stops approving followers). */
  async acceptAllRequests(followee: UserRow): Promise<void> {
    const requests = await this.repo.listRequests('followeeId', followee.id, { limit: 10_000 });
    for (const request of requests) await this.acceptRequest(followee, request.followerId);
  }

  /** Drops `followerId`'s pending request to follow `followeeId`, if any. */
  async rejectRequest(followeeId: string, followerId: string): Promise<void> {
    await this.repo.deleteRequest(followerId, followeeId);
  }

  /** Withdraws the caller's own pending request; `follow.requestNotFound` when there is none. */
  async cancelRequest(followerId: string, followeeId: string): Promise<void> {
    if (!(await this.repo.deleteRequest(followerId, followeeId))) throw new DomainError('follow.requestNotFound');
  }

  /**
   * Follows of `owner` as `viewer` may see them: its followers (`side` = followers) or its
   * followees, honouring the owner's followersVisibility / followingVisibility.
   */
  async listOf(owner: UserRow, viewer: UserRow | null, side: 'followers' | 'following', page: PageParams) {
    const settings = settingsOf(await this.users.findProfile(owner.id));
    const visibility = side === 'followers' ? settings.followersVisibility : settings.followingVisibility;
    if (viewer?.id !== owner.id) {
      if (visibility === 'private') throw new DomainError('follow.forbidden');
      if (visibility === 'followers' && !(viewer && (await this.relations.isFollowing(viewer.id, owner.id)))) throw new DomainError('follow.forbidden');
    }
    return this.repo.listFollowings(side === 'followers' ? 'followeeId' : 'followerId', owner.id, page);
  }

  /** Requests received (`'received'`) or sent by `userId`. */
  listRequests(userId: string, direction: 'received' | 'sent', page: PageParams) {
    return this.repo.listRequests(direction === 'received' ? 'followeeId' : 'followerId', userId, page);
  }

  async #insert(follower: UserRow, followee: UserRow, withReplies: boolean, notify: 'normal' | 'none' = 'none'): Promise<void> {
    try {
      await this.repo.insertFollowing({
        id: this.ids.gen(),
        createdAt: Date.now(),
        followerId: follower.id,
        followeeId: followee.id,
        followerHost: follower.host,
        followeeHost: followee.host,
        withReplies,
        notify,
      });
    } catch (err) {
      // Two concurrent follows of the same pair: the loser sees the winner's row.
      if (isUniqueViolation(err)) throw new DomainError('follow.already');
      throw err;
    }
    this.events.emit('follow.created', { followerId: follower.id, followeeId: followee.id });
  }
}
