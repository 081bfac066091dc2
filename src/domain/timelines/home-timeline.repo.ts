import { sql, type Kysely } from 'kysely';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, NoteRow } from '../../infra/db/schema.js';

/**
 * How many of a followee's latest notes a new follow brings into the follower's home timeline.
 * Older ones stay out (Misskey's timeline cache is bounded too); everything the followee posts
 * afterwards goes in. 300 keeps a follow's cost to one small insert while filling many pages.
 */
export const FOLLOW_BACKFILL_NOTES = 300;

// Run for every new note: compiled once.
const insertIntoReaders = precompiled((db, noteId: string, authorId: string) => {
  const readers = db
    .selectFrom('following')
    .select(['following.followerId as userId', text(noteId).as('noteId')])
    .where('following.followeeId', '=', authorId)
    .where('following.followerHost', 'is', null)
    .unionAll(db.selectNoFrom([text(authorId).as('userId'), text(noteId).as('noteId')]));
  return db.insertInto('home_timeline').columns(['userId', 'noteId']).expression(readers);
});

/**
 * Writes of the `home_timeline` fan-out table, each meant to run inside the transaction of the
 * change that causes it, so a timeline never disagrees with the notes and follows it is built
 * from. (A deleted note leaves through the table's ON DELETE CASCADE.)
 */
export const homeTimelineWrites = {
  /** Puts a new note into its author's home timeline and every local follower's. */
  async addNote(trx: Kysely<DB>, note: Pick<NoteRow, 'id' | 'userId' | 'channelId'>): Promise<void> {
    // Channel notes belong to channel timelines, not home ones.
    if (note.channelId !== null) return;
    await insertIntoReaders(trx, note.id, note.userId);
  },

  /** A follow starts: the followee's latest FOLLOW_BACKFILL_NOTES notes join the follower's timeline. */
  async addFollow(trx: Kysely<DB>, followerId: string, followeeId: string): Promise<void> {
    await trx
      .insertInto('home_timeline')
      .columns(['userId', 'noteId'])
      .expression((eb) =>
        eb
          .selectFrom('note')
          .select([text(followerId).as('userId'), 'note.id as noteId'])
          .where('note.userId', '=', followeeId)
          .where('note.channelId', 'is', null)
          .orderBy('note.id', 'desc')
          .limit(FOLLOW_BACKFILL_NOTES),
      )
      // A note posted while the follow was being written may already be there.
      .onConflict((oc) => oc.columns(['userId', 'noteId']).doNothing())
      .execute();
  },

  /** A follow ends (unfollow, invalidation, block): the followee's notes leave the follower's timeline. */
  async removeFollow(trx: Kysely<DB>, followerId: string, followeeId: string): Promise<void> {
    await trx
      .deleteFrom('home_timeline')
      .where('home_timeline.userId', '=', followerId)
      .where('home_timeline.noteId', 'in', (eb) => eb.selectFrom('note').select('note.id').where('note.userId', '=', followeeId))
      .execute();
  },
};

/** A bound value typed as text, so PostgreSQL can type a parameter in a SELECT list. */
function text(value: string) {
  return sql<string>`cast(${value} as text)`;
}
