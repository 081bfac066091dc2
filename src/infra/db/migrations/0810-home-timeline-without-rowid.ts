import { SqliteAdapter, sql, type Kysely } from 'kysely';

// SQLite: home_timeline becomes a WITHOUT ROWID table, its (userId, noteId) key the table itself.
// As a rowid table every row went into three B-trees (the rows, the key's index, the noteId index);
// now two, and each new note writes one row per follower. The noteId index stays: a note's
// deletion cascades through it. PostgreSQL has no rowid; nothing changes there.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  // One transaction (Kysely runs SQLite migrations outside one): a crash leaves the old table.
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('home_timeline_new')
      .addColumn('userId', 'text', (c) => c.notNull())
      .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('home_timeline_pk', ['userId', 'noteId'])
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`INSERT INTO home_timeline_new ("userId", "noteId") SELECT "userId", "noteId" FROM home_timeline ORDER BY "userId", "noteId"`.execute(trx);
    await trx.schema.dropTable('home_timeline').execute();
    await trx.schema.alterTable('home_timeline_new').renameTo('home_timeline').execute();
    await trx.schema.createIndex('home_timeline_note').on('home_timeline').column('noteId').execute();
  });
}

export async function down(): Promise<void> {
  // A WITHOUT ROWID table answers the same queries; nothing to undo.
}
