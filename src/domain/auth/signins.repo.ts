import type { Kysely } from 'kysely';
import type { DB, LoginSessionRow, SigninRow } from '../../infra/db/schema.js';

/** Paging of a user's sign-in records (Misskey's sinceId/untilId/sinceDate/untilDate). */
export interface SigninPage {
  limit: number;
  sinceId?: string;
  untilId?: string;
  sinceDate?: number;
  untilDate?: number;
}

/** Queries on `signin` (attempt records) and `login_session` (signed-in tokens); no rules. */
export class SigninsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insertSignin(row: SigninRow): Promise<void> {
    await this.db.insertInto('signin').values(row).execute();
  }

  /** Newest first unless paging forward with sinceId/sinceDate (then oldest first, as Misskey). */
  listSignins(userId: string, page: SigninPage): Promise<SigninRow[]> {
    let q = this.db.selectFrom('signin').selectAll().where('userId', '=', userId);
    if (page.sinceId) q = q.where('id', '>', page.sinceId);
    if (page.untilId) q = q.where('id', '<', page.untilId);
    if (page.sinceDate !== undefined) q = q.where('createdAt', '>', page.sinceDate);
    if (page.untilDate !== undefined) q = q.where('createdAt', '<', page.untilDate);
    const ascending = (page.sinceId || page.sinceDate !== undefined) && !page.untilId && page.untilDate === undefined;
    return q.orderBy('id', ascending ? 'asc' : 'desc').limit(page.limit).execute();
  }

  async insertSession(row: LoginSessionRow): Promise<void> {
    await this.db.insertInto('login_session').values(row).execute();
  }

  findLiveSession(tokenHash: string, now: number): Promise<LoginSessionRow | undefined> {
    return this.db
      .selectFrom('login_session')
      .selectAll()
      .where('tokenHash', '=', tokenHash)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('login_session').where('tokenHash', '=', tokenHash).execute();
  }

  async deleteExpiredSessionsOf(userId: string, now: number): Promise<void> {
    await this.db.deleteFrom('login_session').where('userId', '=', userId).where('expiresAt', '<=', now).execute();
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('login_session').where('userId', '=', userId).execute();
  }
}
