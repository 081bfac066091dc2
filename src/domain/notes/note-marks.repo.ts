import type { Kysely } from 'kysely';
import type { DB, NoteFavoriteRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from './paging.js';

/** A row that marks a note (or thread) for a user. */
interface Mark {
  id: string;
  createdAt: number;
  userId: string;
}

/** Queries on `note_favorite`, `note_thread_muting` and `user_note_pining`; no rules. */
export class NoteMarksRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async insertFavorite(row: Mark & { noteId: string }): Promise<void> {
    await this.db.insertInto('note_favorite').values(row).execute();
  }

  /** Deletes the favorite; false when there was none. */
  async deleteFavorite(userId: string, noteId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('note_favorite').where('userId', '=', userId).where('noteId', '=', noteId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async isFavorited(userId: string, noteId: string): Promise<boolean> {
    const row = await this.db.selectFrom('note_favorite').select('id').where('userId', '=', userId).where('noteId', '=', noteId).executeTakeFirst();
    return row !== undefined;
  }

  favorites(userId: string, page: PageParams): Promise<NoteFavoriteRow[]> {
    return paginate(this.db.selectFrom('note_favorite').selectAll().where('userId', '=', userId), 'id', page).execute();
  }

  async insertThreadMuting(row: Mark & { threadId: string }): Promise<void> {
    await this.db.insertInto('note_thread_muting').values(row).execute();
  }

  async deleteThreadMuting(userId: string, threadId: string): Promise<void> {
    await this.db.deleteFrom('note_thread_muting').where('userId', '=', userId).where('threadId', '=', threadId).execute();
  }

  async isThreadMuted(userId: string, threadId: string): Promise<boolean> {
    const row = await this.db.selectFrom('note_thread_muting').select('id').where('userId', '=', userId).where('threadId', '=', threadId).executeTakeFirst();
    return row !== undefined;
  }

  async insertPin(row: Mark & { noteId: string }): Promise<void> {
    await this.db.insertInto('user_note_pining').values(row).execute();
  }

  /** Deletes the pin; false when there was none. */
  async deletePin(userId: string, noteId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('user_note_pining').where('userId', '=', userId).where('noteId', '=', noteId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** The notes `userId` pinned, most recently pinned first. */
  async pinnedNoteIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('user_note_pining').select('noteId').where('userId', '=', userId).orderBy('id', 'desc').execute();
    return rows.map((r) => r.noteId);
  }
}
