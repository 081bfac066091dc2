import { UserPacker } from '../api/entities/user-packer.js';
import type { DomainEvents } from '../domain/events.js';
import type { BusMessage } from '../infra/bus/bus.js';
import type { Services } from '../services.js';

type Out = [topic: string, message: BusMessage][];

/** Message types on `userList:<listId>` that open channels apply but never send to clients (Misskey has no such events). */
export const MEMBER_UPDATED = 'memberUpdated';
export const LIST_DELETED = 'listDeleted';

/** A member's reply setting changed (body of MEMBER_UPDATED). */
export interface MemberUpdate {
  userId: string;
  withReplies: boolean;
}

/**
 * Membership changes for open `userList` channels: `userAdded`/`userRemoved` carry the
 * member as UserLite, as Misskey sends them; a member's withReplies and the list's deletion
 * travel as internal messages. Each message carries what the channel needs, so channels
 * apply it at once, in bus order, without reading the database.
 */
export function listPublishers(svc: Services) {
  const users = new UserPacker(svc);
  return {
    async 'userList.membershipChanged'(e: DomainEvents['userList.membershipChanged']): Promise<Out> {
      const topic = `userList:${e.listId}`;
      if (e.change === 'listDeleted') return [[topic, { type: LIST_DELETED }]];
      if (e.change === 'updated') return [[topic, { type: MEMBER_UPDATED, body: { userId: e.userId, withReplies: e.withReplies ?? false } satisfies MemberUpdate }]];
      const user = await svc.usersRepo.findById(e.userId);
      const [lite] = user ? await users.packLiteMany([user]) : [{ id: e.userId }];
      return [[topic, { type: e.change === 'added' ? 'userAdded' : 'userRemoved', body: lite }]];
    },
  };
}
