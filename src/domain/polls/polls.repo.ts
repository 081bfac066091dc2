import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/** Queries on `poll_vote`; no rules. */
export class PollsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Votes per choice for each poll, in one grouped query. */
  async voteCounts(noteIds: readonly string[]): Promise<Map<string, Map<number, number>>> {
    const result = new Map<string, Map<number, number>>();
    if (noteIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('poll_vote')
      .select((eb) => ['noteId', 'choice', eb.fn.countAll<number>().as('n')])
      .where('noteId', 'in', [...new Set(noteIds)])
      .groupBy(['noteId', 'choice'])
      .execute();
    for (const r of rows) {
      const counts = result.get(r.noteId) ?? new Map<number, number>();
      counts.set(Number(r.choice), Number(r.n));
      result.set(r.noteId, counts);
    }
    return result;
  }

  /** The choices `userId` voted for in each of the polls. */
  async choicesOf(userId: string, noteIds: readonly string[]): Promise<Map<string, Set<number>>> {
    const result = new Map<string, Set<number>>();
    if (noteIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('poll_vote')
      .select(['noteId', 'choice'])
      .where('userId', '=', userId)
      .where('noteId', 'in', [...new Set(noteIds)])
      .execute();
    for (const r of rows) {
      const set = result.get(r.noteId) ?? new Set<number>();
      set.add(Number(r.choice));
      result.set(r.noteId, set);
    }
    return result;
  }

  async insertVote(vote: { id: string; createdAt: number; noteId: string; userId: string; choice: number }): Promise<void> {
    await this.db.insertInto('poll_vote').values(vote).execute();
  }
}
