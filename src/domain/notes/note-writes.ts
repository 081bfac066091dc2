import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/** One note's writes, run inside a shared transaction. */
type Work = (trx: Transaction<DB>) => Promise<void>;

interface Pending {
  work: Work;
  resolve: () => void;
  reject: (err: unknown) => void;
}

// Enough to share a commit among the creates one turn of the event loop reads; a bound on how long one waits.
const MAX_BATCH = 64;

const perDatabase = new WeakMap<Kysely<DB>, NoteWrites>();

/**
 * Group commit for new notes: the writes of the notes posted within one turn of the event loop
 * run in one transaction, each in its own savepoint. A commit (with the embedded database, most
 * of a note's cost: ~20 pages written to the WAL) is shared, and so are the pages several notes
 * touch (the note table's last leaf, a follower's home timeline). A note whose writes fail rolls
 * back alone; a failed commit fails every note of the batch. Each caller resolves after the commit.
 */
export class NoteWrites {
  #queue: Pending[] = [];
  #scheduled = false;

  private constructor(private readonly db: Kysely<DB>) {}

  /** The batcher of this database (tests run several servers in one process). */
  static of(db: Kysely<DB>): NoteWrites {
    let writes = perDatabase.get(db);
    if (!writes) {
      writes = new NoteWrites(db);
      perDatabase.set(db, writes);
    }
    return writes;
  }

  /** Runs `work` in the next shared transaction; resolves once it is committed. */
  run(work: Work): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ work, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // After this turn's I/O callbacks, so the creates read with it join the batch.
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, MAX_BATCH);
    const failures = new Map<Pending, unknown>();
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const pending of batch) {
          await sql`SAVEPOINT note_write`.execute(trx);
          try {
            await pending.work(trx);
          } catch (err) {
            failures.set(pending, err);
            await sql`ROLLBACK TO SAVEPOINT note_write`.execute(trx);
          }
          await sql`RELEASE SAVEPOINT note_write`.execute(trx);
        }
      });
      for (const pending of batch) {
        if (failures.has(pending)) pending.reject(failures.get(pending));
        else pending.resolve();
      }
    } catch (err) {
      for (const pending of batch) pending.reject(failures.get(pending) ?? err);
    } finally {
      if (this.#queue.length > 0) setImmediate(() => void this.#flush());
      else this.#scheduled = false;
    }
  }
}
