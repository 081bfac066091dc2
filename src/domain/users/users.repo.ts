import type { Kysely, Transaction } from 'kysely';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, UserProfileRow, UserRow } from '../../infra/db/schema.js';

// Run on nearly every request (authentication, `i`), so compiled once (see precompiled.ts).
const userById = precompiled((db, id: string) => db.selectFrom('user').selectAll().where('id', '=', id));
const userByTokenHash = precompiled((db, tokenHash: string) => db.selectFrom('user').selectAll().where('tokenHash', '=', tokenHash));
const profileOf = precompiled((db, userId: string) => db.selectFrom('user_profile').selectAll().where('userId', '=', userId));

/** Queries on `user` and `user_profile`; no rules. */
export class UsersRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async findById(id: string): Promise<UserRow | undefined> {
    return (await userById(this.db, id))[0];
  }

  /** Rows keyed by id; ids without a row are absent. */
  async findManyByIds(ids: readonly string[]): Promise<Map<string, UserRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('user').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async findByTokenHash(tokenHash: string): Promise<UserRow | undefined> {
    return (await userByTokenHash(this.db, tokenHash))[0];
  }

  /** The account `username` on `host` (null = local), case-insensitively. */
  findByUsername(username: string, host: string | null): Promise<UserRow | undefined> {
    let q = this.db.selectFrom('user').selectAll().where('usernameLower', '=', username.toLowerCase());
    q = host === null ? q.where('host', 'is', null) : q.where('host', '=', host.toLowerCase());
    return q.executeTakeFirst();
  }

  /** Replaces the stored password hash. */
  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.db.updateTable('user_profile').set({ password: hash }).where('userId', '=', userId).execute();
  }

  async findProfile(userId: string): Promise<UserProfileRow | undefined> {
    return (await profileOf(this.db, userId))[0];
  }

  async findProfiles(userIds: readonly string[]): Promise<Map<string, UserProfileRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('user_profile').selectAll().where('userId', 'in', [...new Set(userIds)]).execute();
    return new Map(rows.map((r) => [r.userId, r]));
  }

  async countLocal(): Promise<number> {
    const row = await this.db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('host', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(trx: Transaction<DB>, user: Omit<UserRow, 'followersCount' | 'followingCount' | 'notesCount'>, profile: UserProfileRow): Promise<void> {
    await trx.insertInto('user').values(user).execute();
    await trx.insertInto('user_profile').values(profile).execute();
  }

  /** Whether a local account ever had this username (case-insensitively). */
  async isUsernameUsed(username: string): Promise<boolean> {
    const row = await this.db.selectFrom('used_username').select('username').where('username', '=', username.toLowerCase()).executeTakeFirst();
    return row !== undefined;
  }

  async markUsernameUsed(trx: Transaction<DB>, usernameLower: string, at: number): Promise<void> {
    await trx.insertInto('used_username').values({ username: usernameLower, createdAt: at }).onConflict((oc) => oc.doNothing()).execute();
  }
}
