import { sql, type Kysely } from 'kysely';

// Migrations use Kysely<any> and plain column types that mean the same on SQLite and
// PostgreSQL: text, bigint (epoch ms), integer, boolean (0/1 on SQLite). JSON is text.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('usernameLower', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('name', 'text')
    .addColumn('tokenHash', 'text', (c) => c.unique())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint')
    .addColumn('lastActiveDate', 'bigint')
    .addColumn('isRoot', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isAdmin', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isModerator', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isSuspended', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isLocked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isBot', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isCat', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isExplorable', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('isDeleted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hideOnlineStatus', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('avatarId', 'text')
    .addColumn('bannerId', 'text')
    .addColumn('followersCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('followingCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notesCount', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // One account per (username, host), case-insensitively; '' stands for the local host.
  await db.schema
    .createIndex('user_username_host')
    .on('user')
    .unique()
    .expression(sql`"usernameLower", coalesce("host", '')`)
    .execute();

  await db.schema
    .createTable('user_profile')
    .addColumn('userId', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('password', 'text')
    .addColumn('email', 'text')
    .addColumn('emailVerified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('description', 'text')
    .addColumn('location', 'text')
    .addColumn('birthday', 'text')
    .addColumn('lang', 'text')
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('access_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('session', 'text')
    .addColumn('fetched', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('appId', 'text')
    .addColumn('name', 'text')
    .addColumn('description', 'text')
    .addColumn('iconUrl', 'text')
    .addColumn('permission', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('lastUsedAt', 'bigint')
    .execute();
  await db.schema.createIndex('access_token_userId').on('access_token').column('userId').execute();
  await db.schema.createIndex('access_token_session').on('access_token').column('session').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['access_token', 'user_profile', 'user', 'meta']) await db.schema.dropTable(table).execute();
}
