import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_list')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('isPublic', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('user_list_user').on('user_list').columns(['userId', 'id']).execute();

  await db.schema
    .createTable('user_list_membership')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('userListId', 'text', (c) => c.notNull().references('user_list.id').onDelete('cascade'))
    .addColumn('userListUserId', 'text', (c) => c.notNull())
    .addColumn('withReplies', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('user_list_membership_pair', ['userListId', 'userId'])
    .execute();
  await db.schema.createIndex('user_list_membership_member').on('user_list_membership').columns(['userId', 'userListUserId']).execute();

  await db.schema
    .createTable('user_list_favorite')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('userListId', 'text', (c) => c.notNull().references('user_list.id').onDelete('cascade'))
    .addUniqueConstraint('user_list_favorite_pair', ['userId', 'userListId'])
    .execute();
  await db.schema.createIndex('user_list_favorite_list').on('user_list_favorite').column('userListId').execute();

  await db.schema
    .createTable('user_memo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('targetUserId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('memo', 'text', (c) => c.notNull())
    .addUniqueConstraint('user_memo_pair', ['userId', 'targetUserId'])
    .execute();

  // Lists of followers/followees/blocks/mutes are paged by id per user.
  await db.schema.createIndex('following_follower_id').on('following').columns(['followerId', 'id']).execute();
  await db.schema.createIndex('following_followee_id').on('following').columns(['followeeId', 'id']).execute();
  await db.schema.createIndex('muting_muter_id').on('muting').columns(['muterId', 'id']).execute();
  await db.schema.createIndex('blocking_blocker_id').on('blocking').columns(['blockerId', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['following_follower_id', 'following_followee_id', 'muting_muter_id', 'blocking_blocker_id']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const table of ['user_memo', 'user_list_favorite', 'user_list_membership', 'user_list']) await db.schema.dropTable(table).execute();
}
