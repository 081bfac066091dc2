import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('drive_folder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.references('user.id').onDelete('cascade'))
    .addColumn('parentId', 'text', (c) => c.references('drive_folder.id').onDelete('set null'))
    .execute();
  // drive/folders lists one user's folders under one parent, newest first; find looks them up by name.
  await db.schema.createIndex('drive_folder_user_parent').on('drive_folder').columns(['userId', 'parentId', 'id']).execute();
  await db.schema.createIndex('drive_folder_parent').on('drive_folder').column('parentId').execute();

  await db.schema
    .createTable('drive_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.references('user.id').onDelete('cascade'))
    .addColumn('userHost', 'text')
    .addColumn('md5', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('blurhash', 'text')
    .addColumn('properties', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('accessKey', 'text', (c) => c.unique())
    .addColumn('thumbnailAccessKey', 'text', (c) => c.unique())
    .addColumn('webpublicAccessKey', 'text', (c) => c.unique())
    .addColumn('webpublicType', 'text')
    .addColumn('src', 'text')
    .addColumn('uri', 'text')
    .addColumn('isLink', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('folderId', 'text', (c) => c.references('drive_folder.id').onDelete('set null'))
    .addColumn('isSensitive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('maybeSensitive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('maybePorn', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('requestIp', 'text')
    .execute();
  // drive/files lists a user's files in one folder by id (= time); find-by-hash and upload dedupe look up md5.
  await db.schema.createIndex('drive_file_user_folder').on('drive_file').columns(['userId', 'folderId', 'id']).execute();
  await db.schema.createIndex('drive_file_user').on('drive_file').columns(['userId', 'id']).execute();
  await db.schema.createIndex('drive_file_user_md5').on('drive_file').columns(['userId', 'md5']).execute();
  await db.schema.createIndex('drive_file_folder').on('drive_file').column('folderId').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drive_file').execute();
  await db.schema.dropTable('drive_folder').execute();
}
