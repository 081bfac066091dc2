import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareEnvironment } from './lib/environment.js';
import { buildServer, cpuMsOf } from './lib/cost.js';
import { cloneFollowers, fanoutSizes, measureFanout, type FanoutResult } from './lib/fanout.js';
import { ApiClient } from './lib/http.js';
import { runLoad } from './lib/load.js';
import { parseOptions, type BenchOptions } from './lib/options.js';
import { evaluateTargets, printTables, type BenchResult, type NotAvailable, type SqlCount } from './lib/report.js';
import { seed, type Seeded } from './lib/seed.js';
import { launchScaleOut } from './lib/scaleout.js';
import { launchSingleProcess, memoryOf, type LaunchSpec, type Target } from './lib/target.js';
import { seedHomeTimeline, type HomeTimelineSeeded } from './lib/seed-home-timeline.js';
import { HOME_TIMELINE_WORKLOAD, isTimeline, workloads, type Workload } from './lib/workloads.js';
import { openDatabase } from '../src/infra/db/kysely.js';
import { sql } from 'kysely';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(root, '.tmp', 'bench-dist');
/** How the server under test is started: one process, or the scale-out shape of several. */
function launcherFor(opts: BenchOptions): (spec: LaunchSpec) => Promise<Target> {
  return opts.mode === 'scaleout' ? launchScaleOut : launchSingleProcess;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const started = Date.now();
  console.log(`tsubame bench: mode ${opts.mode}, scale ${opts.scale.name} (${opts.scale.users} users, ${opts.scale.notes} notes), concurrency ${opts.concurrency}, ${opts.duration} s per workload`);
  if (opts.build) await build();
  const environment = await prepareEnvironment(opts);
  try {
    const result = await runPhases(opts, environment.env);
    printTables(result);
    const file = writeResult(result, opts);
    console.log(`\nresults: ${path.relative(process.cwd(), file)} (total ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await environment.cleanup();
  }
}

/** The production build (scripts/build.ts, what `npm start` runs) into .tmp/bench-dist, so the benchmark measures what users run. */
async function build(): Promise<void> {
  const t0 = Date.now();
  await buildServer(distDir);
  console.log(`  build: ${((Date.now() - t0) / 1000).toFixed(1)} s → ${path.relative(root, distDir)}`);
}

async function runPhases(opts: BenchOptions, env: Record<string, string>): Promise<BenchResult> {
  const launch = launcherFor(opts);
  // Phase 1: a fresh server that counts SQL statements; it seeds, and its counts are read. The note
  // cache is off there, so every page counted is a cold one (a cached page runs fewer statements).
  const seeding = await launch({ distDir, env: { ...env, TSUBAME_COUNT_QUERIES: '1', NOTE_CACHE_SIZE: '0' }, label: 'seed server' });
  let seeded: Seeded;
  let available: Set<string>;
  let sql: Record<string, SqlCount | NotAvailable>;
  try {
    console.log(`  start-up (fresh database, migrations): ${seeding.startupMs.toFixed(0)} ms (CPU ${seeding.startupCpuMs ?? '?'} ms)`);
    const client = new ApiClient(seeding.url, opts.seedConcurrency * 2);
    available = new Set<string>(await client.ok('endpoints'));
    seeded = await seed(client, seeding.url, opts.scale, available, opts.seedConcurrency);
    sql = await countStatements(client, workloads(seeded), available, seeded);
    client.close();
  } finally {
    await seeding.stop();
  }
  await addFanoutFollowers(opts, env, seeded);

  const home = await seedHomeTimelineWorkload(opts, env);

  // Phase 2: restart on the existing data without counting, and measure.
  const server = await launch({ distDir, env, label: 'server' });
  try {
    console.log(`  start-up (existing data): ${server.startupMs.toFixed(0)} ms (CPU ${server.startupCpuMs ?? '?'} ms)`);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = memoryOf(server.pids);
    const client = new ApiClient(server.url, opts.concurrency);
    const measured: BenchResult['workloads'] = {};
    for (const w of workloads(seeded, home)) {
      if (opts.only && !opts.only.includes(w.name)) continue;
      measured[w.name] = await measure(w, client, opts, available, seeded);
    }
    const afterLoad = memoryOf(server.pids);
    const fanout = await fanoutPhase(client, server, opts, available, seeded);
    const soak = opts.soak > 0 ? await soakPhase(client, server, opts, available, seeded) : undefined;
    const peak = memoryOf(server.pids).peakMb;
    client.close();
    const partial = {
      meta: {
        date: new Date().toISOString(),
        mode: opts.mode,
        scale: opts.scale,
        concurrency: opts.concurrency,
        durationS: opts.duration,
        node: process.version,
        cpus: os.cpus().length,
        loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
        commit: gitCommit(),
      },
      seed: seeded.report,
      startup: { freshMs: Math.round(seeding.startupMs), existingDataMs: Math.round(server.startupMs), existingDataCpuMs: server.startupCpuMs },
      memory: { idleRssMb: idle.rssMb, peakRssMb: peak, afterLoadRssMb: afterLoad.rssMb },
      workloads: measured,
      sql,
      fanout,
      ...(soak ? { soak } : {}),
    };
    return { ...partial, targets: evaluateTargets(partial, opts.mode, opts.scale.name) };
  } finally {
    await server.stop();
  }
}

/**
 * Writes the home-timeline workload's data straight into the stopped server's database: a viewer
 * following 1,000 of 5,000 authors and opts.scale.homeTimelineNotes notes, with the home_timeline
 * rows notes/create would have written. Seeding a million notes through the API would take an hour.
 */
async function seedHomeTimelineWorkload(opts: BenchOptions, env: Record<string, string>): Promise<HomeTimelineSeeded | undefined> {
  const notes = opts.scale.homeTimelineNotes;
  if (notes === 0 || (opts.only && !opts.only.includes(HOME_TIMELINE_WORKLOAD))) return undefined;
  const t0 = Date.now();
  const database = openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'sqlite', file: path.join(env.DATA_DIR!, 'tsubame.sqlite') });
  try {
    const home = await seedHomeTimeline(database.db, { users: 5_000, follows: 1_000, notes, prefix: 'ht' });
    // PostgreSQL's autovacuum would gather statistics on the new rows soon; do it now. (SQLite runs without them.)
    if (database.dialect === 'postgres') await sql`ANALYZE`.execute(database.db);
    console.log(`  seeded the home-timeline workload directly: 5,000 authors, a viewer following 1,000, ${notes} notes (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    return home;
  } finally {
    await database.close();
  }
}

function unavailable(w: Workload, available: Set<string>, seeded: Seeded): string | undefined {
  if (!available.has(w.endpoint)) return 'n/a (not implemented)';
  if (w.needsNotes && seeded.publicNoteIds.length === 0) return 'n/a (no notes seeded)';
  return undefined;
}

async function measure(w: Workload, client: ApiClient, opts: BenchOptions, available: Set<string>, seeded: Seeded) {
  const na = unavailable(w, available, seeded);
  if (na) {
    console.log(`  ${w.name}: ${na}`);
    return { na };
  }
  const r = await runLoad({ client, concurrency: opts.concurrency, warmupMs: opts.warmup * 1000, durationMs: opts.duration * 1000, next: w.next, accept: w.accept });
  console.log(`  ${w.name}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors (${r.firstError})` : ''}`);
  return r;
}

/** Statements per request of each read workload, over several requests with different callers and pages. */
async function countStatements(client: ApiClient, list: Workload[], available: Set<string>, seeded: Seeded) {
  const out: Record<string, SqlCount | NotAvailable> = {};
  for (const w of list) {
    if (!w.read) continue;
    const na = unavailable(w, available, seeded);
    if (na) {
      out[w.name] = { na };
      continue;
    }
    const counts: number[] = [];
    for (let n = 0; n < 8; n++) {
      const spec = w.next(n * 13);
      const res = await client.call(spec.endpoint, spec.params, spec.token);
      // A page's cost is only comparable between full pages; shorter ones are not counted for timelines.
      const full = !isTimeline(w.name) || (Array.isArray(res.body) && res.body.length >= 20);
      if (res.queryCount !== undefined && res.status < 300 && full) counts.push(res.queryCount);
    }
    out[w.name] = counts.length ? { min: Math.min(...counts), max: Math.max(...counts), samples: counts.length } : { na: 'n/a (no full page)' };
  }
  return out;
}

/** Fan-out to 1,000 and to 100 followers (fanoutSizes), each on freshly opened sockets. */
async function fanoutPhase(client: ApiClient, server: Target, opts: BenchOptions, available: Set<string>, seeded: Seeded) {
  if (opts.only && !opts.only.includes('fanout')) return { na: 'n/a (not selected)' };
  if (!available.has('notes/create') || !seeded.fanoutPoster) return { na: 'n/a (not implemented)' };
  const results: FanoutResult[] = [];
  for (const size of fanoutSizes(seeded.fanoutListeners.length)) {
    try {
      const listeners = seeded.fanoutListeners.slice(0, size);
      const probes = { rssMb: () => memoryOf(server.pids).rssMb, cpuMs: () => server.pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0) };
      const r = await measureFanout(client, server.url, seeded.fanoutPoster, listeners, opts.scale.fanoutNotes, probes);
      console.log(`  fan-out: ${r.listeners} followers, p50 ${r.p50} ms, p99 ${r.p99} ms, missed ${r.missed}, ${r.rssPerConnectionKb} KB RSS per socket, server CPU ${r.serverCpuPerNoteMs} ms per note`);
      results.push(r);
    } catch (err) {
      console.log(`  fan-out to ${size}: n/a (${(err as Error).message.slice(0, 120)})`);
    }
  }
  return results.length ? results : { na: 'n/a (no fan-out size could be measured)' };
}

/**
 * The fan-out audience beyond the accounts seeded through the API, copied into the stopped
 * seed server's database (see cloneFollowers): 900 more accounts through the API would be
 * ~20 s of password hashing, most of the small run.
 */
async function addFanoutFollowers(opts: BenchOptions, env: Record<string, string>, seeded: Seeded): Promise<void> {
  const missing = opts.scale.fanoutFollowers - seeded.fanoutListeners.length;
  if (!seeded.fanoutPoster || missing <= 0 || (opts.only && !opts.only.includes('fanout'))) return;
  const t0 = Date.now();
  const template = seeded.fanoutListeners[seeded.fanoutListeners.length - 1]!;
  seeded.fanoutListeners.push(...(await cloneFollowers(env, seeded.fanoutPoster, template, missing)));
  console.log(`  seed fan-out followers: ${missing} copied into the database in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Mixed load for opts.soak seconds, sampling RSS every 5 s. The first fifth is warm-up: the
 * bounded caches (users, notes, viewer relations, statements) fill up then, which is growth
 * within their bounds. Growth = last fifth's mean − second fifth's mean.
 */
async function soakPhase(client: ApiClient, server: Target, opts: BenchOptions, available: Set<string>, seeded: Seeded) {
  const mix = workloads(seeded).filter((w) => !unavailable(w, available, seeded) && w.name !== 'ping');
  if (!mix.length) return { na: 'n/a (nothing to run)' };
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(Math.round(memoryOf(server.pids).rssMb * 10) / 10), 5000);
  await runLoad({
    client,
    concurrency: opts.concurrency,
    warmupMs: 0,
    durationMs: opts.soak * 1000,
    next: (n) => mix[n % mix.length].next(Math.floor(n / mix.length)),
    accept: () => true,
  });
  clearInterval(timer);
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const startRssMb = mean(samples.slice(fifth, 2 * fifth));
  const endRssMb = mean(samples.slice(-fifth));
  console.log(`  soak: ${opts.soak} s, RSS ${startRssMb.toFixed(1)} → ${endRssMb.toFixed(1)} MB`);
  return { seconds: opts.soak, startRssMb, endRssMb, maxRssMb: Math.max(...samples), growthMb: endRssMb - startRssMb, samples };
}

function writeResult(result: BenchResult, opts: BenchOptions): string {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${opts.mode}-${opts.scale.name}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
