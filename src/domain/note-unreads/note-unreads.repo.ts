import type { Kysely } from 'kysely';
import { precompiled } from '../../infra/db/precompiled.js';
import type { DB, NoteUnreadRow } from '../../infra/db/schema.js';

// `i` asks on every call: one statement of two index probes, compiled once (see precompiled.ts).
const unreadKindsOf = precompiled((db, userId: string) =>
  db.selectNoFrom((eb) => [
    eb.exists(eb.selectFrom('note_unread').select('id').where('userId', '=', userId).where('isMentioned', '=', true)).as('mentions'),
    eb.exists(eb.selectFrom('note_unread').select('id').where('userId', '=', userId).where('isSpecified', '=', true)).as('specified'),
  ]),
);

/** Queries on unread addressed notes (no rules). */
export class NoteUnreadsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Inserts rows; a note already unread for a reader stays as it is. */
  async insertMany(rows: readonly NoteUnreadRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insertInto('note_unread').values([...rows]).onConflict((oc) => oc.columns(['userId', 'noteId']).doNothing()).execute();
  }

  /** The facts of a note that decide who it is unread for. */
  findNote(id: string) {
    return this.db.selectFrom('note').select(['id', 'userId', 'visibility', 'mentions', 'visibleUserIds', 'threadId']).where('id', '=', id).executeTakeFirst();
  }

  /** What reading needs of each of `ids` (missing notes are left out). */
  async readableNotes(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return this.db.selectFrom('note').select(['id', 'userId', 'mentions', 'visibleUserIds']).where('id', 'in', [...ids]).execute();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('note_unread').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  /** Deletes `userId`'s unread rows of `noteIds`; returns how many went. */
  async deleteForNotes(userId: string, noteIds: readonly string[]): Promise<number> {
    if (noteIds.length === 0) return 0;
    const res = await this.db.deleteFrom('note_unread').where('userId', '=', userId).where('noteId', 'in', [...noteIds]).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Deletes `userId`'s unread rows of every note of a thread (the thread's first note is its id). */
  async deleteForThread(userId: string, threadId: string): Promise<number> {
    const res = await this.db
      .deleteFrom('note_unread')
      .where('userId', '=', userId)
      .where('noteId', 'in', (eb) => eb.selectFrom('note').select('id').where('threadId', '=', threadId))
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Whether `userId` has unread mentions and unread specified notes. */
  async unreadKinds(userId: string): Promise<{ mentions: boolean; specified: boolean }> {
    const [row] = await unreadKindsOf(this.db, userId);
    // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
    return { mentions: Boolean(row!.mentions), specified: Boolean(row!.specified) };
  }

  /** The local, undeleted users among `ids`. */
  async localUserIds(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('user').select('id').where('id', 'in', [...ids]).where('host', 'is', null).where('isDeleted', '=', false).execute();
    return rows.map((r) => r.id);
  }

  /** Those of `userIds` who mute `authorId` (unexpired) or mute the thread. */
  async silencedReaders(userIds: readonly string[], authorId: string, threadId: string, now: number): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const [muting, threadMuting] = await Promise.all([
      this.db
        .selectFrom('muting')
        .select('muterId as id')
        .where('muterId', 'in', [...userIds])
        .where('muteeId', '=', authorId)
        .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
        .execute(),
      this.db.selectFrom('note_thread_muting').select('userId as id').where('userId', 'in', [...userIds]).where('threadId', '=', threadId).execute(),
    ]);
    return new Set([...muting, ...threadMuting].map((r) => r.id));
  }
}
