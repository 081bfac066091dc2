import type { UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import type { MetaService } from '../instance/meta.service.js';
import type { RegistrationTicketsRepo } from './registration-tickets.repo.js';
import type { UsersRepo } from './users.repo.js';
import { USERNAME_PATTERN, type UsersService } from './users.service.js';

/** What a person signing up sends. */
export interface SignupInput {
  username: string;
  password: string;
  /** Required while registration is closed (an invitation code). */
  invitationCode?: string | null;
}

/** Longest password accepted; hashing is deliberately slow, so unbounded input would be a cheap attack. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Self-service sign-up with the instance's registration rules (open, or closed with invitation codes). */
export class SignupService {
  constructor(
    private readonly tickets: RegistrationTicketsRepo,
    private readonly users: UsersService,
    private readonly repo: UsersRepo,
    private readonly meta: MetaService,
  ) {}

  /**
   * Creates an account and returns it with its native token. Throws `signup.invitationRequired`,
   * `signup.invalidInvitation`, `user.invalidUsername`, `user.invalidPassword`,
   * `user.duplicateUsername` or `user.usedUsername`.
   */
  async signup(input: SignupInput): Promise<{ user: UserRow; token: string }> {
    const settings = await this.meta.get();
    if (!USERNAME_PATTERN.test(input.username)) throw new DomainError('user.invalidUsername');
    if (input.password === '' || input.password.length > MAX_PASSWORD_LENGTH) throw new DomainError('user.invalidPassword');
    // The first account (the administrator-to-be) may take any name, as in Misskey.
    if (settings.rootUserId !== null && this.#isPreserved(input.username, settings.preservedUsernames)) {
      throw new DomainError('user.usedUsername');
    }
    if (!settings.disableRegistration) return this.users.createLocalUser(input);

    if (!input.invitationCode) throw new DomainError('signup.invitationRequired');
    const ticketId = await this.#claimTicket(input.invitationCode);
    try {
      const created = await this.users.createLocalUser(input);
      await this.tickets.setUsedBy(ticketId, created.user.id);
      return created;
    } catch (err) {
      // The account was not created, so the code stays usable.
      await this.tickets.release(ticketId);
      throw err;
    }
  }

  /** Whether `username` could be signed up now (username/available). */
  async isAvailable(username: string): Promise<boolean> {
    const settings = await this.meta.get();
    if (this.#isPreserved(username, settings.preservedUsernames)) return false;
    if (await this.repo.findByUsername(username, null)) return false;
    return !(await this.repo.isUsernameUsed(username));
  }

  #isPreserved(username: string, preserved: readonly string[]): boolean {
    const lower = username.toLowerCase();
    return preserved.some((p) => p.toLowerCase() === lower);
  }

  // Marks the ticket used in one conditional update, so two sign-ups cannot share a code.
  async #claimTicket(code: string): Promise<string> {
    const now = Date.now();
    const ticket = await this.tickets.findByCode(code);
    if (!ticket || ticket.usedAt !== null || (ticket.expiresAt !== null && ticket.expiresAt < now)) {
      throw new DomainError('signup.invalidInvitation');
    }
    if (!(await this.tickets.claim(ticket.id, now))) throw new DomainError('signup.invalidInvitation');
    return ticket.id;
  }
}
