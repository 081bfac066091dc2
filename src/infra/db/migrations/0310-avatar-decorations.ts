import type { Kysely } from 'kysely';

// Avatar decorations (admin-managed images drawn over avatars) and the profile fields that
// came with them in i/update: the decorations a user chose and their alsoKnownAs aliases.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('avatar_decoration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('roleIdsThatCanBeUsedThisDecoration', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('category', 'text')
    .execute();

  // Next to the avatar URL, so packing a page of users still costs one query for both.
  await db.schema.alterTable('user_image').addColumn('avatarDecorations', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('user_profile').addColumn('alsoKnownAs', 'text').execute();

  // users/reactions pages through one user's reactions by id.
  await db.schema.createIndex('note_reaction_user_id').on('note_reaction').columns(['userId', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('note_reaction_user_id').execute();
  await db.schema.alterTable('user_profile').dropColumn('alsoKnownAs').execute();
  await db.schema.alterTable('user_image').dropColumn('avatarDecorations').execute();
  await db.schema.dropTable('avatar_decoration').execute();
}
