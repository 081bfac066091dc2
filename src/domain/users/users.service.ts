import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../infra/db/schema.js';
import { isUniqueViolation } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { randomToken, sha256Hex } from '../../lib/secure.js';
import { hashPassword } from '../auth/passwords.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { MetaService } from '../instance/meta.service.js';
import type { UsersRepo } from './users.repo.js';

/** Misskey's rule for local usernames. */
export const USERNAME_PATTERN = /^\w{1,20}$/;

/** What creating a local account takes. */
export interface NewLocalUser {
  /** `^\w{1,20}$`. */
  username: string;
  /** Any non-empty string; stored as an argon2id hash. */
  password: string;
  isAdmin?: boolean;
}

/** Creating and finding local accounts. */
export class UsersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: UsersRepo,
    private readonly meta: MetaService,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /**
   * Creates a local account and returns it with its native token (the only time the
   * token is seen). The first local account becomes the root user and an administrator.
   */
  async createLocalUser(input: NewLocalUser): Promise<{ user: UserRow; token: string }> {
    if (!USERNAME_PATTERN.test(input.username)) throw new DomainError('user.invalidUsername');
    if (input.password === '') throw new DomainError('user.invalidPassword');
    if (await this.repo.findByUsername(input.username, null)) throw new DomainError('user.duplicateUsername');
    if (await this.repo.isUsernameUsed(input.username)) throw new DomainError('user.usedUsername');

    const token = randomToken(16);
    const isFirst = (await this.repo.countLocal()) === 0;
    const now = Date.now();
    const user = {
      id: this.ids.gen(now),
      username: input.username,
      usernameLower: input.username.toLowerCase(),
      host: null,
      name: null,
      tokenHash: sha256Hex(token),
      createdAt: now,
      updatedAt: null,
      lastActiveDate: null,
      isRoot: isFirst,
      isAdmin: isFirst || Boolean(input.isAdmin),
      isModerator: false,
      isSuspended: false,
      isLocked: false,
      isBot: false,
      isCat: false,
      isExplorable: true,
      isDeleted: false,
      hideOnlineStatus: false,
      avatarId: null,
      bannerId: null,
    };
    const profile = {
      userId: user.id,
      password: await hashPassword(input.password),
      email: null,
      emailVerified: false,
      description: null,
      location: null,
      birthday: null,
      lang: null,
      fields: '[]',
      settings: '{}',
      alsoKnownAs: null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.repo.insert(trx, user, profile);
        // A username once taken is never given out again, even after the account is deleted.
        await this.repo.markUsernameUsed(trx, user.usernameLower, now);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('user.duplicateUsername');
      throw err;
    }
    if (isFirst) await this.meta.update({ rootUserId: user.id });
    this.events.emit('user.created', { userId: user.id });
    return { user: { ...user, followersCount: 0, followingCount: 0, notesCount: 0 }, token };
  }
}
