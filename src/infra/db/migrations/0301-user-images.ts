import type { Kysely } from 'kysely';

// The avatar's and banner's URLs are copied here when a user sets them (as Misskey keeps
// them on the user), so packing a page of users costs one small query, not a drive lookup.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_image')
    .addColumn('userId', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('avatarUrl', 'text')
    .addColumn('avatarBlurhash', 'text')
    .addColumn('bannerUrl', 'text')
    .addColumn('bannerBlurhash', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_image').execute();
}
