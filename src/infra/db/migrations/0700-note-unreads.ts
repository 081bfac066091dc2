import type { Kysely } from 'kysely';

// A new table: unread state did not exist before, so there is nothing to carry over.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('note_unread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addColumn('noteUserId', 'text', (c) => c.notNull())
    .addColumn('isSpecified', 'boolean', (c) => c.notNull())
    .addColumn('isMentioned', 'boolean', (c) => c.notNull())
    .addUniqueConstraint('note_unread_user_note', ['userId', 'noteId'])
    .execute();
  // Deleting a note removes its unread rows through the foreign key; that needs an index on noteId.
  await db.schema.createIndex('note_unread_note').on('note_unread').column('noteId').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('note_unread').execute();
}
