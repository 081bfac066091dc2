import type { Kysely, Transaction } from 'kysely';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, UserImageRow, UserProfileRow, UserRow } from '../../infra/db/schema.js';

/** A user row with its avatar/banner row (undefined when the user never set one). */
export interface UserWithImage {
  user: UserRow;
  image: UserImageRow | undefined;
}

// Run on nearly every request (authentication, `i`), so compiled once (see precompiled.ts).
const userById = precompiled((db, id: string) => db.selectFrom('user').selectAll().where('id', '=', id));
const userByTokenHash = precompiled((db, tokenHash: string) => db.selectFrom('user').selectAll().where('tokenHash', '=', tokenHash));
// What the user cache loads (authentication, user-lite packing): the user and its images in one statement.
const withImageById = precompiled((db, id: string) =>
  db.selectFrom('user').leftJoin('user_image', 'user_image.userId', 'user.id').selectAll('user').selectAll('user_image').where('user.id', '=', id),
);
const withImageByTokenHash = precompiled((db, tokenHash: string) =>
  db
    .selectFrom('user')
    .leftJoin('user_image', 'user_image.userId', 'user.id')
    .selectAll('user')
    .selectAll('user_image')
    .where('user.tokenHash', '=', tokenHash),
);
const profileOf = precompiled((db, userId: string) => db.selectFrom('user_profile').selectAll().where('userId', '=', userId));

/** The caller's profile with its unread state, as `i` answers it. */
export interface MeState {
  profile: UserProfileRow;
  unreadNotifications: number;
  hasUnreadMentions: boolean;
  hasUnreadSpecifiedNotes: boolean;
}

// `i` on every call: the profile and the unread state in one statement, compiled once. The
// sub-queries are those of NotificationsRepo.countUnread (notifications newer than the read
// marker; '' stands for no marker) and NoteUnreadsRepo.unreadKinds (two index probes).
const meStateOf = precompiled((db, userId: string) =>
  db
    .selectFrom('user_profile')
    .selectAll('user_profile')
    .select((eb) => [
      eb
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('notifieeId', '=', userId)
        .where('id', '>', (eb) =>
          eb.fn.coalesce(eb.selectFrom('notification_read_marker').select('readUpToId').where('userId', '=', userId), eb.val('')),
        )
        .as('unreadNotifications'),
      eb.exists(eb.selectFrom('note_unread').select('id').where('userId', '=', userId).where('isMentioned', '=', true)).as('hasUnreadMentions'),
      eb.exists(eb.selectFrom('note_unread').select('id').where('userId', '=', userId).where('isSpecified', '=', true)).as('hasUnreadSpecifiedNotes'),
    ])
    .where('user_profile.userId', '=', userId),
);

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

  /** The user `id` with its images, in one statement. */
  async findWithImage(id: string): Promise<UserWithImage | undefined> {
    const [row] = await withImageById(this.db, id);
    return row && splitImage(row);
  }

  /** The user whose native token has this sha256, with its images, in one statement. */
  async findWithImageByTokenHash(tokenHash: string): Promise<UserWithImage | undefined> {
    const [row] = await withImageByTokenHash(this.db, tokenHash);
    return row && splitImage(row);
  }

  /** The users `ids` with their images, keyed by id, in one statement. */
  async findManyWithImages(ids: readonly string[]): Promise<Map<string, UserWithImage>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('user')
      .leftJoin('user_image', 'user_image.userId', 'user.id')
      .selectAll('user')
      .selectAll('user_image')
      .where('user.id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, splitImage(r)]));
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

  /** `userId`'s profile and unread state in one statement (undefined without a profile: a remote user). */
  async findMeState(userId: string): Promise<MeState | undefined> {
    const [row] = await meStateOf(this.db, userId);
    if (!row) return undefined;
    const { unreadNotifications, hasUnreadMentions, hasUnreadSpecifiedNotes, ...profile } = row;
    // PostgreSQL answers count(*) as a string and EXISTS as a boolean, SQLite with numbers.
    return {
      profile,
      unreadNotifications: Number(unreadNotifications ?? 0),
      hasUnreadMentions: Boolean(hasUnreadMentions),
      hasUnreadSpecifiedNotes: Boolean(hasUnreadSpecifiedNotes),
    };
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

type JoinedRow = UserRow & { [K in keyof UserImageRow]: UserImageRow[K] | null };

// The user and image columns share no name. The joined row serves as the user row (its readers
// look only at their own columns); the image gets a small object of its own, as packers copy it.
function splitImage(row: JoinedRow): UserWithImage {
  if (row.userId === null) return { user: row, image: undefined };
  const image: UserImageRow = {
    userId: row.userId,
    avatarUrl: row.avatarUrl,
    avatarBlurhash: row.avatarBlurhash,
    bannerUrl: row.bannerUrl,
    bannerBlurhash: row.bannerBlurhash,
    avatarDecorations: row.avatarDecorations ?? '[]',
  };
  return { user: row, image };
}
