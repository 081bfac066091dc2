import type { Kysely } from 'kysely';
import type { Bus } from '../../infra/bus/bus.js';
import type { DB, UserRow } from '../../infra/db/schema.js';
import { randomToken, sha256Hex } from '../../lib/secure.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { AccessTokensService } from './access-tokens.service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SigninsRepo } from './signins.repo.js';

/** Changes to an account's credentials: password, native token, deletion. Each needs the password. */
export class AccountService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly users: UsersRepo,
    private readonly sessions: SigninsRepo,
    private readonly tokens: AccessTokensService,
    private readonly bus: Bus,
    private readonly events: DomainEventHub,
  ) {}

  /** Sets a new password; throws `account.incorrectPassword` or `user.invalidPassword`. */
  async changePassword(user: UserRow, currentPassword: string, newPassword: string): Promise<void> {
    await this.#checkPassword(user, currentPassword);
    if (newPassword === '' || newPassword.length > 1024) throw new DomainError('user.invalidPassword');
    await this.db.updateTable('user_profile').set({ password: await hashPassword(newPassword) }).where('userId', '=', user.id).execute();
  }

  /**
   * Replaces the native token: the old one and every sign-in session stop working, and the
   * user's clients are told on the main stream (`myTokenRegenerated`). Throws `account.incorrectPassword`.
   */
  async regenerateToken(user: UserRow, password: string): Promise<void> {
    await this.#checkPassword(user, password);
    const token = randomToken(16);
    await this.db.updateTable('user').set({ tokenHash: sha256Hex(token) }).where('id', '=', user.id).execute();
    await this.sessions.deleteSessionsOf(user.id);
    this.events.emit('user.changed', { userIds: [user.id] });
    await this.bus.publish(`main:${user.id}`, { type: 'myTokenRegenerated' });
  }

  /**
   * Deletes the account: it can no longer sign in or use any token, and `account.deleted`
   * tells the other areas to remove its content. Deleting twice is a no-op, as in Misskey.
   */
  async deleteAccount(user: UserRow, password: string): Promise<void> {
    if (user.isDeleted) return;
    await this.#checkPassword(user, password);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('user').set({ isDeleted: true, tokenHash: null }).where('id', '=', user.id).execute();
      await trx.updateTable('user_profile').set({ email: null, password: null }).where('userId', '=', user.id).execute();
    });
    await this.sessions.deleteSessionsOf(user.id);
    await this.tokens.revokeAll(user.id);
    this.events.emit('account.deleted', { userId: user.id });
  }

  async #checkPassword(user: UserRow, password: string): Promise<void> {
    const profile = await this.users.findProfile(user.id);
    const ok = profile?.password ? await verifyPassword(profile.password, password) : false;
    if (!ok) throw new DomainError('account.incorrectPassword');
  }
}
