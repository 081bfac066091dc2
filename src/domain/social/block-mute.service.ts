import type { UserRow } from '../../infra/db/schema.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { PageParams } from '../notes/paging.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { BlocksMutesRepo } from './blocks-mutes.repo.js';
import type { RelationsRepo } from './relations.repo.js';

/** Blocking, muting and renote-muting other users, with Misskey's rules. */
export class BlockMuteService {
  constructor(
    private readonly repo: BlocksMutesRepo,
    private readonly users: UsersRepo,
    private readonly relations: RelationsRepo,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /** The other user `id`; `relation.self` when it is the caller, `user.notFound` when it does not exist. */
  async getTarget(id: string, me: UserRow): Promise<UserRow> {
    if (id === me.id) throw new DomainError('relation.self');
    const user = await this.users.findById(id);
    if (!user || user.isDeleted) throw new DomainError('user.notFound');
    return user;
  }

  /** Blocks `blockee`: follows, requests and list memberships between the two go away. */
  async block(blocker: UserRow, blockee: UserRow): Promise<void> {
    let removed: { followerId: string; followeeId: string }[];
    try {
      removed = await this.repo.insertBlocking({ id: this.ids.gen(), createdAt: Date.now(), blockerId: blocker.id, blockeeId: blockee.id });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('block.already');
      throw err;
    }
    for (const follow of removed) this.events.emit('follow.deleted', follow);
    this.events.emit('block.created', { blockerId: blocker.id, blockeeId: blockee.id });
  }

  async unblock(blocker: UserRow, blockee: UserRow): Promise<void> {
    if (!(await this.repo.deleteBlocking(blocker.id, blockee.id))) throw new DomainError('block.notBlocking');
    this.events.emit('block.deleted', { blockerId: blocker.id, blockeeId: blockee.id });
  }

  listBlockings(me: UserRow, page: PageParams) {
    return this.repo.listBlockings(me.id, page);
  }

  /** Mutes `mutee` until `expiresAt` (epoch ms; null = forever). */
  async mute(muter: UserRow, mutee: UserRow, expiresAt: number | null): Promise<void> {
    const now = Date.now();
    const existing = await this.repo.findMuting(muter.id, mutee.id);
    if (existing && (existing.expiresAt === null || existing.expiresAt > now)) throw new DomainError('mute.already');
    // compat: Misskey silently ignores an expiry in the past.
    if (expiresAt !== null && expiresAt <= now) return;
    try {
      await this.repo.insertMuting({ id: this.ids.gen(now), createdAt: now, muterId: muter.id, muteeId: mutee.id, expiresAt }, now);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('mute.already');
      throw err;
    }
    this.events.emit('mute.changed', { muterId: muter.id, muteeId: mutee.id });
  }

  async unmute(muter: UserRow, mutee: UserRow): Promise<void> {
    if (!(await this.repo.deleteMuting(muter.id, mutee.id))) throw new DomainError('mute.notMuting');
    this.events.emit('mute.changed', { muterId: muter.id, muteeId: mutee.id });
  }

  listMutings(me: UserRow, page: PageParams) {
    return this.repo.listMutings(me.id, page);
  }

  async muteRenotes(muter: UserRow, mutee: UserRow): Promise<void> {
    try {
      await this.repo.insertRenoteMuting({ id: this.ids.gen(), createdAt: Date.now(), muterId: muter.id, muteeId: mutee.id });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('mute.already');
      throw err;
    }
    this.events.emit('mute.changed', { muterId: muter.id, muteeId: mutee.id });
  }

  async unmuteRenotes(muter: UserRow, mutee: UserRow): Promise<void> {
    if (!(await this.repo.deleteRenoteMuting(muter.id, mutee.id))) throw new DomainError('mute.notMuting');
    this.events.emit('mute.changed', { muterId: muter.id, muteeId: mutee.id });
  }

  listRenoteMutings(me: UserRow, page: PageParams) {
    return this.repo.listRenoteMutings(me.id, page);
  }

  /** True when either user blocks the other (replies, mentions, reactions and follows are refused). */
  isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    return this.relations.isBlockedEitherWay(a, b);
  }
}
