import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('userHost', 'text')
    // Replies and renotes go with their target, as in Misskey (the domain deletes them first, to count them).
    .addColumn('replyId', 'text', (c) => c.references('note.id').onDelete('cascade'))
    .addColumn('renoteId', 'text', (c) => c.references('note.id').onDelete('cascade'))
    .addColumn('replyUserId', 'text')
    .addColumn('replyUserHost', 'text')
    .addColumn('renoteUserId', 'text')
    .addColumn('renoteUserHost', 'text')
    .addColumn('threadId', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('cw', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('localOnly', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reactionAcceptance', 'text')
    .addColumn('visibleUserIds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('emojis', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('fileIds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('hasPoll', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('channelId', 'text')
    .addColumn('repliesCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('renoteCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uri', 'text')
    .addColumn('url', 'text')
    .execute();
  // users/notes and timelines page a user's notes by id; replies, renotes and threads look up by target.
  await db.schema.createIndex('note_userId_id').on('note').columns(['userId', 'id']).execute();
  await db.schema.createIndex('note_replyId_id').on('note').columns(['replyId', 'id']).execute();
  await db.schema.createIndex('note_renoteId_id').on('note').columns(['renoteId', 'id']).execute();
  await db.schema.createIndex('note_threadId_id').on('note').columns(['threadId', 'id']).execute();

  await db.schema
    .createTable('note_audience')
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('note_audience_pk', ['noteId', 'userId', 'kind'])
    .execute();
  // notes/mentions and timelines ask "notes addressed to me", newest first.
  await db.schema.createIndex('note_audience_user').on('note_audience').columns(['userId', 'kind', 'noteId']).execute();

  await db.schema
    .createTable('note_reaction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('reaction', 'text', (c) => c.notNull())
    .addUniqueConstraint('note_reaction_user_note', ['userId', 'noteId'])
    .execute();
  await db.schema.createIndex('note_reaction_note').on('note_reaction').columns(['noteId', 'id']).execute();

  await db.schema
    .createTable('poll')
    .addColumn('noteId', 'text', (c) => c.primaryKey().references('note.id').onDelete('cascade'))
    .addColumn('choices', 'text', (c) => c.notNull())
    .addColumn('multiple', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('expiresAt', 'bigint')
    .execute();

  await db.schema
    .createTable('poll_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('choice', 'integer', (c) => c.notNull())
    .addUniqueConstraint('poll_vote_user_note_choice', ['userId', 'noteId', 'choice'])
    .execute();
  await db.schema.createIndex('poll_vote_note').on('poll_vote').columns(['noteId', 'choice']).execute();

  await db.schema
    .createTable('note_favorite')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addUniqueConstraint('note_favorite_user_note', ['userId', 'noteId'])
    .execute();
  await db.schema.createIndex('note_favorite_note').on('note_favorite').column('noteId').execute();

  await db.schema
    .createTable('note_thread_muting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('threadId', 'text', (c) => c.notNull())
    .addUniqueConstraint('note_thread_muting_user_thread', ['userId', 'threadId'])
    .execute();

  await db.schema
    .createTable('user_note_pining')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('noteId', 'text', (c) => c.notNull().references('note.id').onDelete('cascade'))
    .addUniqueConstraint('user_note_pining_user_note', ['userId', 'noteId'])
    .execute();

  await db.schema
    .createTable('note_draft')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('note_draft_user').on('note_draft').columns(['userId', 'id']).execute();

  await db.schema
    .createTable('emoji')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('updatedAt', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('category', 'text')
    .addColumn('originalUrl', 'text', (c) => c.notNull())
    .addColumn('publicUrl', 'text', (c) => c.notNull())
    .addColumn('uri', 'text')
    .addColumn('type', 'text')
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('license', 'text')
    .addColumn('localOnly', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('isSensitive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('roleIdsThatCanBeUsedThisEmojiAsReaction', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('emoji_name_host').on('emoji').columns(['name', 'host']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = ['emoji', 'note_draft', 'user_note_pining', 'note_thread_muting', 'note_favorite', 'poll_vote', 'poll', 'note_reaction', 'note_audience', 'note'];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
