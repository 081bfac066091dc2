import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { DB } from '../../infra/db/schema.js';

/** Queries on `poll_vote` and the counts kept on `poll.votes`; no rules. */
export class PollsRepo {
  constructor(private readonly db: Kysely<DB>) {}

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

  /**
   * Stores a vote and counts it on the poll row, in one transaction. `votes` is the poll's
   * counts as last read: a guess the update checks (compare-and-set, retried on the fresh value).
   */
  async insertVote(vote: { id: string; createdAt: number; noteId: string; userId: string; choice: number }, votes: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('poll_vote').values(vote).execute();
      let current: string | undefined = votes;
      while (current !== undefined) {
        const counts = fromJson<number[]>(current, []);
        // Polls stored before their counts existed may hold fewer entries than choices.
        while (counts.length <= vote.choice) counts.push(0);
        counts[vote.choice]! += 1;
        const res = await trx.updateTable('poll').set({ votes: toJson(counts) }).where('noteId', '=', vote.noteId).where('votes', '=', current).executeTakeFirst();
        if (Number(res.numUpdatedRows) > 0) return;
        current = (await trx.selectFrom('poll').select('votes').where('noteId', '=', vote.noteId).executeTakeFirst())?.votes;
      }
    });
  }
}
