import { UserPacker } from '../api/entities/user-packer.js';
import type { DomainEvents } from '../domain/events.js';
import type { BusMessage } from '../infra/bus/bus.js';
import type { Services } from '../services.js';

type Out = [topic: string, message: BusMessage][];

/**
 * Main-stream events that follow from social events, packed as Misskey packs
 * them: `follow`/`unfollow` carry the followee as the follower sees it, `followed` and
 * `receiveFollowRequest` the follower (UserLite).
 */
export function mainPublishers(svc: Services) {
  const users = new UserPacker(svc);
  const rows = async (...ids: string[]) => {
    const found = await svc.usersRepo.findManyByIds(ids);
    return ids.map((id) => found.get(id));
  };
  return {
    async 'follow.created'({ followerId, followeeId }: DomainEvents['follow.created']): Promise<Out> {
      const [follower, followee] = await rows(followerId, followeeId);
      if (!follower || !followee) return [];
      const [asSeen, [lite]] = await Promise.all([users.packDetailed(followee, follower), users.packLiteMany([follower])]);
      return [
        [`main:${followerId}`, { type: 'follow', body: asSeen }],
        [`main:${followeeId}`, { type: 'followed', body: lite }],
      ];
    },
    async 'follow.deleted'({ followerId, followeeId }: DomainEvents['follow.deleted']): Promise<Out> {
      const [follower, followee] = await rows(followerId, followeeId);
      if (!follower || !followee) return [];
      return [[`main:${followerId}`, { type: 'unfollow', body: await users.packDetailed(followee, follower) }]];
    },
    async 'followRequest.created'({ followerId, followeeId }: DomainEvents['followRequest.created']): Promise<Out> {
      const [follower] = await rows(followerId);
      if (!follower) return [];
      const [lite] = await users.packLiteMany([follower]);
      return [[`main:${followeeId}`, { type: 'receiveFollowRequest', body: lite }]];
    },
  };
}
