import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/** Instance-wide counts, as the `stats` endpoint reports them. */
export interface InstanceStats {
  notesCount: number;
  originalNotesCount: number;
  usersCount: number;
  originalUsersCount: number;
  instances: number;
  driveUsageLocal: number;
  driveUsageRemote: number;
}

/** Computes instance statistics from the per-user counters (no table scans of notes). */
export class StatsService {
  constructor(private readonly db: Kysely<DB>) {}

  async get(): Promise<InstanceStats> {
    const row = await this.db
      .selectFrom('user')
      .select((eb) => [
        eb.fn.countAll<number>().as('usersCount'),
        eb.fn.sum<number>(eb.case().when('host', 'is', null).then(1).else(0).end()).as('originalUsersCount'),
        eb.fn.sum<number>('notesCount').as('notesCount'),
        eb.fn.sum<number>(eb.case().when('host', 'is', null).then(eb.ref('notesCount')).else(0).end()).as('originalNotesCount'),
      ])
      .executeTakeFirstOrThrow();
    return {
      notesCount: Number(row.notesCount ?? 0),
      originalNotesCount: Number(row.originalNotesCount ?? 0),
      usersCount: Number(row.usersCount),
      originalUsersCount: Number(row.originalUsersCount ?? 0),
      instances: 0,
      driveUsageLocal: 0,
      driveUsageRemote: 0,
    };
  }
}
