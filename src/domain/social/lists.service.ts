import type { UserListMembershipRow, UserListRow, UserRow } from '../../infra/db/schema.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { PageParams } from '../notes/paging.js';
import type { RolePolicies } from '../roles/policies.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { ListsRepo } from './lists.repo.js';
import type { RelationsRepo } from './relations.repo.js';

/** User lists: a user's named sets of other users, optionally public, with Misskey's limits. */
export class ListsService {
  constructor(
    readonly repo: ListsRepo,
    private readonly users: UsersRepo,
    private readonly relations: RelationsRepo,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** `me`'s own list `id`, or `list.notFound`. */
  async getOwn(me: UserRow, id: string): Promise<UserListRow> {
    const list = await this.repo.findById(id);
    if (!list || list.userId !== me.id) throw new DomainError('list.notFound');
    return list;
  }

  /** A public list (or `me`'s own one unless `forPublic`), or `list.notFound`. */
  async getVisible(me: UserRow | null, id: string, forPublic: boolean): Promise<UserListRow> {
    const list = await this.repo.findById(id);
    const visible = list && (!forPublic && me !== null ? list.userId === me.id : list.isPublic);
    if (!visible) throw new DomainError('list.notFound');
    return list;
  }

  async create(me: UserRow, name: string, policies: RolePolicies): Promise<UserListRow> {
    if ((await this.repo.countByOwner(me.id)) >= policies.userListLimit) throw new DomainError('list.tooMany');
    const list = { id: this.ids.gen(), createdAt: Date.now(), userId: me.id, name, isPublic: false };
    await this.repo.insert(list);
    return list;
  }

  /** Copies a public list's members into a new list of `me`'s. */
  async createFromPublic(me: UserRow, name: string, sourceId: string, policies: RolePolicies): Promise<UserListRow> {
    const source = await this.repo.findById(sourceId);
    if (!source?.isPublic) throw new DomainError('list.notFound');
    const members = (await this.repo.memberIds([source.id])).get(source.id)!;
    const blockers = new Set(await this.relations.blockerIdsOf(me.id));
    if (members.some((id) => blockers.has(id))) throw new DomainError('list.blocked');
    if (members.length > policies.userEachUserListsLimit) throw new DomainError('list.tooManyUsers');
    const list = await this.create(me, name, policies);
    const now = Date.now();
    await this.repo.insertMemberships(
      members.map((userId) => ({ id: this.ids.gen(now), createdAt: now, userId, userListId: list.id, userListUserId: me.id, withReplies: false })),
    );
    return list;
  }

  /** Adds `userId` to `me`'s list; refused when the user blocks `me` or the list is full. */
  async push(me: UserRow, listId: string, userId: string, policies: RolePolicies): Promise<void> {
    const list = await this.getOwn(me, listId);
    const user = await this.#user(userId);
    if (user.id !== me.id && (await this.relations.blockerIdsOf(me.id)).includes(user.id)) throw new DomainError('list.blocked');
    if (await this.repo.findMembership(list.id, user.id)) throw new DomainError('list.alreadyAdded');
    if ((await this.repo.countMembers(list.id)) >= policies.userEachUserListsLimit) throw new DomainError('list.tooManyUsers');
    try {
      await this.repo.insertMembership({ id: this.ids.gen(), createdAt: Date.now(), userId: user.id, userListId: list.id, userListUserId: me.id, withReplies: false });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('list.alreadyAdded');
      throw err;
    }
    this.events.emit('userList.membershipChanged', { listId: list.id, userId: user.id, change: 'added' });
  }

  /** Removes `userId` from `me`'s list (nothing happens when it is not a member). */
  async pull(me: UserRow, listId: string, userId: string): Promise<void> {
    const list = await this.getOwn(me, listId);
    const user = await this.#user(userId);
    if (await this.repo.deleteMembership(list.id, user.id)) {
      this.events.emit('userList.membershipChanged', { listId: list.id, userId: user.id, change: 'removed' });
    }
  }

  async updateMembership(me: UserRow, listId: string, userId: string, withReplies: boolean | undefined): Promise<void> {
    const list = await this.getOwn(me, listId);
    const user = await this.#user(userId);
    if (withReplies === undefined) return;
    await this.repo.updateMembership(list.id, user.id, withReplies);
    this.events.emit('userList.membershipChanged', { listId: list.id, userId: user.id, change: 'updated', withReplies });
  }

  /** Deletes `me`'s list with its memberships. */
  async delete(me: UserRow, listId: string): Promise<void> {
    const list = await this.getOwn(me, listId);
    await this.repo.delete(list.id);
    this.events.emit('userList.membershipChanged', { listId: list.id, userId: me.id, change: 'listDeleted' });
  }

  memberships(list: UserListRow, page: PageParams): Promise<UserListMembershipRow[]> {
    return this.repo.memberships(list.id, page);
  }

  async favorite(me: UserRow, listId: string): Promise<void> {
    const list = await this.repo.findById(listId);
    if (!list?.isPublic) throw new DomainError('list.notFound');
    try {
      await this.repo.insertFavorite(this.ids.gen(), me.id, list.id);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('list.alreadyFavorited');
      throw err;
    }
  }

  async unfavorite(me: UserRow, listId: string): Promise<void> {
    const list = await this.repo.findById(listId);
    if (!list?.isPublic) throw new DomainError('list.notFound');
    if (!(await this.repo.deleteFavorite(me.id, list.id))) throw new DomainError('list.notFavorited');
  }

  async #user(id: string): Promise<UserRow> {
    const user = await this.users.findById(id);
    if (!user || user.isDeleted) throw new DomainError('user.notFound');
    return user;
  }
}
