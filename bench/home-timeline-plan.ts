// Prints the home timeline's query plan and the latency of a page of 20, on SQLite (default, a
// temp file) or PostgreSQL (DATABASE_URL). SQLite is measured without statistics (as the server
// runs) and again after ANALYZE; PostgreSQL after ANALYZE (autovacuum's job in production). Usage:
//   node --import tsx bench/home-timeline-plan.ts [users] [follows] [notes]
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/infra/db/kysely.js';
import { migrateToLatest } from '../src/infra/db/migrate.js';
import { TimelinesRepo } from '../src/domain/timelines/timelines.repo.js';
import { seedHomeTimeline } from './lib/seed-home-timeline.js';

const [users = 5000, follows = 1000, notes = 1_000_000] = process.argv.slice(2).map(Number);
const url = process.env.DATABASE_URL;
const database = openDatabase(url ? { kind: 'postgres', url } : { kind: 'sqlite', file: path.join(await mkdtemp(path.join(os.tmpdir(), 'tl-plan-')), 'db.sqlite') });
await migrateToLatest(database.db);
const t0 = Date.now();
const { viewerId } = await seedHomeTimeline(database.db, { users, follows, notes });
console.log(`seeded ${users} users, ${follows} follows, ${notes} notes in ${((Date.now() - t0) / 1000).toFixed(1)} s (${database.dialect})`);

const options = { withFiles: false, withRenotes: true, includeMyRenotes: true, includeRenotedMyNotes: true, includeLocalRenotes: true };
const repo = new TimelinesRepo(database.db, database.dialect);

/**
 * 20 successive pages of 20 (untilId paging): median and max latency, and this process's CPU time
 * per page (on SQLite that includes the query itself, so it holds on a busy machine), then the plan.
 */
async function report(label: string): Promise<void> {
  const times: number[] = [];
  let untilId: string | undefined;
  const cpu = process.cpuUsage();
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    const page = await repo.candidates({ kind: 'home' }, { id: viewerId, hidden: [], renoteMuted: [] }, options, { limit: 20, untilId });
    times.push(performance.now() - s);
    untilId = page.ids[page.ids.length - 1];
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const cpuPerPage = (used.user + used.system) / 1000 / 20;
  console.log(`\n${label}: page of 20 (20 successive pages): median ${times[10]!.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms, CPU ${cpuPerPage.toFixed(2)} ms/page`);
  const query = repo.homeQuery(viewerId, { limit: 20 }).compile();
  const explain = database.dialect === 'postgres' ? 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)' : 'EXPLAIN QUERY PLAN';
  const plan = await database.db.executeQuery({ ...query, sql: `${explain} ${query.sql}` } as typeof query);
  for (const row of plan.rows as Record<string, unknown>[]) console.log(database.dialect === 'postgres' ? row['QUERY PLAN'] : `${row.id}|${row.parent}| ${row.detail}`);
}

if (database.dialect === 'sqlite') await report('without statistics');
await sql`ANALYZE`.execute(database.db);
await report('after ANALYZE');
await database.close();
