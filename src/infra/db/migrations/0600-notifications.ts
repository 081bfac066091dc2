import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('notifieeId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('notifierId', 'text', (c) => c.references('user.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    // No foreign key to note: notifications of deleted notes are skipped when packed, as Misskey does.
    .addColumn('noteId', 'text')
    .addColumn('targetNoteId', 'text')
    .addColumn('reaction', 'text')
    .addColumn('message', 'text')
    .addColumn('roleId', 'text')
    .addColumn('achievement', 'text')
    .addColumn('exportedEntity', 'text')
    .addColumn('fileId', 'text')
    .addColumn('appAccessTokenId', 'text')
    .addColumn('customBody', 'text')
    .addColumn('customHeader', 'text')
    .addColumn('customIcon', 'text')
    .execute();
  // Every read is "the newest notifications of X" (paging by id) or "how many after the marker".
  await db.schema.createIndex('notification_notifiee_id').on('notification').columns(['notifieeId', 'id']).execute();
  await db.schema.createIndex('notification_notifier').on('notification').column('notifierId').execute();

  await db.schema
    .createTable('notification_read_marker')
    .addColumn('userId', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('readUpToId', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_read_marker').execute();
  await db.schema.dropTable('notification').execute();
}
