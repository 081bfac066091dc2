import type { entities } from 'misskey-js';
import type { UserListMembershipRow, UserListRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';
import { UserPacker } from './user-packer.js';

type Membership = { id: string; createdAt: string; userId: string; user: entities.UserLite; withReplies: boolean };

/** Packs user lists (with their member ids, one query per page) and list memberships. */
export class UserListPacker {
  constructor(private readonly svc: Services) {}

  async packMany(lists: readonly UserListRow[]): Promise<entities.UserList[]> {
    const members = await this.svc.lists.repo.memberIds(lists.map((l) => l.id));
    return lists.map((l) => ({
      id: l.id,
      createdAt: new Date(l.createdAt).toISOString(),
      name: l.name,
      userIds: members.get(l.id) ?? [],
      isPublic: l.isPublic,
    }));
  }

  async pack(list: UserListRow): Promise<entities.UserList> {
    return (await this.packMany([list]))[0]!;
  }

  async packMemberships(rows: readonly UserListMembershipRow[]): Promise<Membership[]> {
    const users = await this.svc.usersRepo.findManyByIds(rows.map((r) => r.userId));
    const lite = await new UserPacker(this.svc).packLiteMany([...users.values()]);
    const byId = new Map(lite.map((u) => [u.id, u]));
    return rows
      .filter((r) => byId.has(r.userId))
      .map((r) => ({ id: r.id, createdAt: new Date(r.createdAt).toISOString(), userId: r.userId, user: byId.get(r.userId)!, withReplies: r.withReplies }));
  }
}
