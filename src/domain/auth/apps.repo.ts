import type { Kysely } from 'kysely';
import type { AppRow, AuthSessionRow, DB } from '../../infra/db/schema.js';

/** Queries on `app` and `auth_session` (the legacy authentication flow); no rules. */
export class AppsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: AppRow): Promise<void> {
    await this.db.insertInto('app').values(row).execute();
  }

  findById(id: string): Promise<AppRow | undefined> {
    return this.db.selectFrom('app').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findBySecretHash(secretHash: string): Promise<AppRow | undefined> {
    return this.db.selectFrom('app').selectAll().where('secretHash', '=', secretHash).executeTakeFirst();
  }

  /** Apps created by `userId`, newest first. */
  listByCreator(userId: string, limit: number, offset: number): Promise<AppRow[]> {
    return this.db.selectFrom('app').selectAll().where('userId', '=', userId).orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  /** Apps `userId` has given a token to, ordered by when they were authorized. */
  listAuthorized(userId: string, limit: number, offset: number, direction: 'asc' | 'desc'): Promise<AppRow[]> {
    return this.db
      .selectFrom('app')
      .selectAll('app')
      .where('app.id', 'in', (eb) =>
        eb.selectFrom('access_token').select('access_token.appId').where('access_token.userId', '=', userId).where('access_token.appId', 'is not', null),
      )
      .orderBy('app.id', direction)
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** Which of `appIds` `userId` has authorized. */
  async authorizedAmong(userId: string, appIds: readonly string[]): Promise<Set<string>> {
    if (appIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('access_token')
      .select('appId')
      .where('userId', '=', userId)
      .where('appId', 'in', [...appIds])
      .execute();
    return new Set(rows.map((r) => r.appId!));
  }

  async insertSession(row: AuthSessionRow): Promise<void> {
    await this.db.insertInto('auth_session').values(row).execute();
  }

  findSessionByToken(token: string): Promise<AuthSessionRow | undefined> {
    return this.db.selectFrom('auth_session').selectAll().where('token', '=', token).executeTakeFirst();
  }

  /** Binds a pending session to the accepting user; false when it was not pending. */
  async acceptSession(id: string, userId: string): Promise<boolean> {
    const res = await this.db.updateTable('auth_session').set({ userId }).where('id', '=', id).where('userId', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Deletes a session; false when another call already did. */
  async deleteSession(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('auth_session').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
}
