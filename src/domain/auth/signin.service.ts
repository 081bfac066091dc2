import type { Bus } from '../../infra/bus/bus.js';
import type { Kv } from '../../infra/kv/kv.js';
import type { SigninRow, UserRow } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { randomToken, sha256Hex } from '../../lib/secure.js';
import { DomainError } from '../errors.js';
import type { DomainEventHub } from '../events.js';
import type { UsersRepo } from '../users/users.repo.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { SigninsRepo } from './signins.repo.js';

/** One sign-in attempt as the HTTP layer hands it over. */
export interface SigninAttempt {
  username: string;
  password: string;
  ip: string;
  /** Request headers worth keeping in the history (never cookies or credentials). */
  headers: Record<string, string>;
}

/** A successful sign-in: the account and a fresh native token for it. */
export interface SigninResult {
  user: UserRow;
  token: string;
}

/** Misskey's sign-in limit: 10 per hour per client IP. */
const FAILURE_LIMIT = 10;
const FAILURE_WINDOW_MS = 60 * 60 * 1000;
/** How long a sign-in token lives (the web cookie lives as long). */
export const LOGIN_SESSION_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** Password sign-in: checks, rate limit of failures, history records and sign-in tokens. */
export class SigninService {
  constructor(
    private readonly repo: SigninsRepo,
    private readonly users: UsersRepo,
    private readonly kv: Kv,
    private readonly bus: Bus,
    private readonly ids: IdGenerator,
    private readonly events: DomainEventHub,
  ) {}

  /**
   * Signs a local user in with a password and returns a new native token. Throws
   * `signin.tooManyFailures`, `signin.noSuchUser`, `signin.suspended` or `signin.wrongPassword`.
   */
  async signin(attempt: SigninAttempt): Promise<SigninResult> {
    const failureKey = `signin-failures:${sha256Hex(attempt.ip)}`;
    // compat: Misskey counts every attempt (10/h and 1/s per IP); we count failures only, so a
    // household behind one address is not locked out by successful sign-ins.
    if (Number((await this.kv.get(failureKey)) ?? 0) >= FAILURE_LIMIT) throw new DomainError('signin.tooManyFailures');

    const user = await this.users.findByUsername(attempt.username, null);
    if (!user || user.isDeleted) {
      await this.kv.incr(failureKey, FAILURE_WINDOW_MS);
      throw new DomainError('signin.noSuchUser');
    }
    if (user.isSuspended) throw new DomainError('signin.suspended');

    const profile = await this.users.findProfile(user.id);
    const ok = profile?.password ? await verifyPassword(profile.password, attempt.password) : false;
    const record = await this.#record(user.id, attempt, ok);
    if (!ok) {
      await this.kv.incr(failureKey, FAILURE_WINDOW_MS);
      throw new DomainError('signin.wrongPassword');
    }
    // Imported bcrypt hashes (and weaker argon2 settings) are upgraded while the password is at hand.
    if (needsRehash(profile!.password!)) await this.users.setPasswordHash(user.id, await hashPassword(attempt.password));
    const token = await this.startSession(user.id);
    this.events.emit('signin.succeeded', { userId: user.id, ip: attempt.ip });
    // The account's open clients hear about the sign-in, as on Misskey's main stream.
    await this.bus.publish(`main:${user.id}`, { type: 'signin', body: packSignin(record) });
    return { user, token };
  }

  /** Issues a new 16-character native token for `userId` (a sign-in session). */
  async startSession(userId: string): Promise<string> {
    const token = randomToken(16);
    const now = Date.now();
    // Expired sessions are only dead weight; each sign-in sweeps the account's own.
    await this.repo.deleteExpiredSessionsOf(userId, now);
    await this.repo.insertSession({
      id: this.ids.gen(now),
      tokenHash: sha256Hex(token),
      userId,
      createdAt: now,
      expiresAt: now + LOGIN_SESSION_TTL_MS,
    });
    return token;
  }

  /** Ends the sign-in session of `token` (sign-out); unknown tokens are ignored. */
  async endSession(token: string): Promise<void> {
    await this.repo.deleteSession(sha256Hex(token));
  }

  async #record(userId: string, attempt: SigninAttempt, success: boolean): Promise<SigninRow> {
    const now = Date.now();
    const row = { id: this.ids.gen(now), createdAt: now, userId, ip: attempt.ip, headers: JSON.stringify(attempt.headers), success };
    await this.repo.insertSignin(row);
    return row;
  }
}

/** A sign-in record as Misskey's `Signin` entity. */
export function packSignin(row: SigninRow): { id: string; createdAt: string; ip: string; headers: Record<string, string>; success: boolean } {
  return { id: row.id, createdAt: new Date(row.createdAt).toISOString(), ip: row.ip, headers: JSON.parse(row.headers) as Record<string, string>, success: row.success };
}
