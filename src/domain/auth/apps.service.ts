import { randomUUID } from 'node:crypto';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { AppRow } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { randomToken, sha256Hex } from '../../lib/secure.js';
import { DomainError } from '../errors.js';
import type { AccessTokensService } from './access-tokens.service.js';
import type { AppsRepo } from './apps.repo.js';

/** What app/create takes. */
export interface NewApp {
  userId: string | null;
  name: string;
  description: string;
  permission: readonly string[];
  callbackUrl: string | null;
}

/** An app as the API shows it (the secret only right after creation). */
export interface AppView {
  id: string;
  name: string;
  callbackUrl: string | null;
  permission: string[];
  secret?: string;
  isAuthorized?: boolean;
}

/** How long a legacy authentication session waits for the user and the app. */
export const AUTH_SESSION_TTL_MS = 15 * 60 * 1000;

/** The legacy app flow: apps, authentication sessions and the tokens they yield. */
export class AppsService {
  constructor(
    private readonly repo: AppsRepo,
    private readonly tokens: AccessTokensService,
    private readonly ids: IdGenerator,
    private readonly publicUrl: () => string,
  ) {}

  /** Registers an app; its secret is returned this once and stored hashed. */
  async create(input: NewApp): Promise<AppView> {
    const secret = randomToken(32);
    const now = Date.now();
    // Old clients send "account-read" / "account/read"; Misskey rewrites them to "read:account".
    const permission = [...new Set(input.permission.map((p) => p.replace(/^(.+)[/-](read|write)$/, '$2:$1')))];
    const row: AppRow = {
      id: this.ids.gen(now),
      createdAt: now,
      userId: input.userId,
      name: input.name,
      description: input.description,
      permission: toJson(permission),
      callbackUrl: input.callbackUrl,
      secretHash: sha256Hex(secret),
    };
    await this.repo.insert(row);
    return { ...view(row), secret };
  }

  /** An app by id, with whether `viewerId` has authorized it; throws `app.notFound`. */
  async get(appId: string, viewerId?: string): Promise<AppView> {
    const row = await this.repo.findById(appId);
    if (!row) throw new DomainError('app.notFound');
    if (!viewerId) return view(row);
    return { ...view(row), isAuthorized: (await this.repo.authorizedAmong(viewerId, [row.id])).has(row.id) };
  }

  /** The apps `userId` created. */
  async listMine(userId: string, limit: number, offset: number): Promise<AppView[]> {
    return (await this.repo.listByCreator(userId, limit, offset)).map(view);
  }

  /** The apps `userId` has authorized. */
  async listAuthorized(userId: string, limit: number, offset: number, sort: 'asc' | 'desc'): Promise<AppView[]> {
    return (await this.repo.listAuthorized(userId, limit, offset, sort)).map((r) => ({ ...view(r), isAuthorized: true }));
  }

  /** Starts an authentication session for the app with this secret; throws `app.notFound`. */
  async generateSession(appSecret: string): Promise<{ token: string; url: string }> {
    const app = await this.repo.findBySecretHash(sha256Hex(appSecret));
    if (!app) throw new DomainError('app.notFound');
    const token = randomUUID();
    await this.repo.insertSession({ id: this.ids.gen(), createdAt: Date.now(), token, appId: app.id, userId: null });
    return { token, url: `${this.publicUrl()}/auth/${token}` };
  }

  /** A live session and its app; throws `authSession.notFound`. */
  async showSession(token: string, viewerId?: string): Promise<{ id: string; app: AppView; token: string; userId: string | null }> {
    const session = await this.repo.findSessionByToken(token);
    if (!session || session.createdAt + AUTH_SESSION_TTL_MS < Date.now()) throw new DomainError('authSession.notFound');
    const app = await this.repo.findById(session.appId);
    if (!app) throw new DomainError('authSession.notFound');
    const authorized = viewerId ? (await this.repo.authorizedAmong(viewerId, [app.id])).has(app.id) : undefined;
    return { id: session.id, app: { ...view(app), ...(authorized === undefined ? {} : { isAuthorized: authorized }) }, token, userId: session.userId };
  }

  /** The user accepts the session; throws `authSession.notFound` (also when already accepted). */
  async accept(userId: string, token: string): Promise<{ callbackUrl: string | null }> {
    const session = await this.showSession(token);
    if (!(await this.repo.acceptSession(session.id, userId))) throw new DomainError('authSession.notFound');
    return { callbackUrl: session.app.callbackUrl };
  }

  /**
   * The app collects its access token: issued now, because only now is the app secret known
   * (the client then sends sha256(accessToken + secret)). Throws `app.notFound`,
   * `authSession.notFound` or `authSession.pending`.
   */
  async userKey(appSecret: string, token: string): Promise<{ accessToken: string; userId: string }> {
    const app = await this.repo.findBySecretHash(sha256Hex(appSecret));
    if (!app) throw new DomainError('app.notFound');
    const session = await this.repo.findSessionByToken(token);
    if (!session || session.appId !== app.id || session.createdAt + AUTH_SESSION_TTL_MS < Date.now()) throw new DomainError('authSession.notFound');
    if (session.userId === null) throw new DomainError('authSession.pending');
    if (!(await this.repo.deleteSession(session.id))) throw new DomainError('authSession.notFound');
    const accessToken = randomToken(32);
    await this.tokens.issue({
      userId: session.userId,
      session: null,
      appId: app.id,
      name: app.name,
      description: app.description,
      permission: fromJson<string[]>(app.permission, []),
      token: accessToken,
      presented: sha256Hex(accessToken + appSecret),
    });
    return { accessToken, userId: session.userId };
  }
}

function view(row: AppRow): AppView {
  return { id: row.id, name: row.name, callbackUrl: row.callbackUrl, permission: fromJson<string[]>(row.permission, []) };
}
