import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('following')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('followerId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('followeeId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('followerHost', 'text')
    .addColumn('followeeHost', 'text')
    .addColumn('withReplies', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('notify', 'text', (c) => c.notNull().defaultTo('none'))
    .addUniqueConstraint('following_pair', ['followerId', 'followeeId'])
    .execute();
  // Timelines ask "whom does X follow" (unique index above) and "who follows X" (this one).
  await db.schema.createIndex('following_followee').on('following').columns(['followeeId', 'followerId']).execute();

  await db.schema
    .createTable('follow_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('followerId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('followeeId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('withReplies', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('follow_request_pair', ['followerId', 'followeeId'])
    .execute();
  await db.schema.createIndex('follow_request_followee').on('follow_request').column('followeeId').execute();

  await db.schema
    .createTable('blocking')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('blockerId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('blockeeId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addUniqueConstraint('blocking_pair', ['blockerId', 'blockeeId'])
    .execute();
  await db.schema.createIndex('blocking_blockee').on('blocking').column('blockeeId').execute();

  await db.schema
    .createTable('muting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('muterId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('muteeId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('expiresAt', 'bigint')
    .addUniqueConstraint('muting_pair', ['muterId', 'muteeId'])
    .execute();

  await db.schema
    .createTable('renote_muting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('muterId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('muteeId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addUniqueConstraint('renote_muting_pair', ['muterId', 'muteeId'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['renote_muting', 'muting', 'blocking', 'follow_request', 'following']) await db.schema.dropTable(table).execute();
}
