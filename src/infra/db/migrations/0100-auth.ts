import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('success', 'boolean', (c) => c.notNull())
    .execute();
  // i/signin-history pages one user's records by id.
  await db.schema.createIndex('signin_user_id').on('signin').columns(['userId', 'id']).execute();

  await db.schema
    .createTable('registration_ticket')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('expiresAt', 'bigint')
    .addColumn('createdById', 'text', (c) => c.references('user.id').onDelete('cascade'))
    .addColumn('usedById', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('usedAt', 'bigint')
    .execute();

  await db.schema
    .createTable('used_username')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('login_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('expiresAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_session_user').on('login_session').column('userId').execute();

  await db.schema
    .createTable('app')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('permission', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('callbackUrl', 'text')
    .addColumn('secretHash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('app_user').on('app').columns(['userId', 'id']).execute();

  await db.schema
    .createTable('auth_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('appId', 'text', (c) => c.notNull().references('app.id').onDelete('cascade'))
    .addColumn('userId', 'text', (c) => c.references('user.id').onDelete('cascade'))
    .execute();

  // Authorized apps of a user are found through their tokens.
  await db.schema.createIndex('access_token_app').on('access_token').columns(['userId', 'appId']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('access_token_app').execute();
  for (const table of ['auth_session', 'app', 'login_session', 'used_username', 'registration_ticket', 'signin']) {
    await db.schema.dropTable(table).execute();
  }
}
