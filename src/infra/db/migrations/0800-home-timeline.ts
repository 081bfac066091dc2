import { sql, type Kysely } from 'kysely';

// The home timeline as a fan-out table: notes/timeline reads one (userId, noteId) range instead
// of seeking every followee's notes and sorting them. Existing data is copied in full, so nothing
// a user sees changes on upgrade; later follows bring only the followee's recent notes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('home_timeline')
    .addColumn('userId', 'text', (c) => c.notNull())
    // A deleted note leaves every timeline with it.
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('home_timeline_pk', ['userId', 'noteId'])
    .execute();
  // For the cascade above: deleting a note finds its rows without scanning the table.
  await db.schema.createIndex('home_timeline_note').on('home_timeline').column('noteId').execute();

  // Every local user's own notes, and every note of the users they follow (channel notes stay out).
  await sql`
    INSERT INTO home_timeline ("userId", "noteId")
    SELECT "user".id, note.id FROM "user" JOIN note ON note."userId" = "user".id
    WHERE "user".host IS NULL AND note."channelId" IS NULL
    UNION ALL
    SELECT following."followerId", note.id FROM following JOIN note ON note."userId" = following."followeeId"
    WHERE following."followerHost" IS NULL AND note."channelId" IS NULL
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('home_timeline').execute();
}
