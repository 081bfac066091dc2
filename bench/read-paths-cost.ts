/**
 * The cost of the read endpoints (timelines, users/notes, notes/show, i/notifications), measured
 * in what a busy machine does not distort: SQL statements per request (X-Query-Count, min–max
 * over many different pages) and server CPU time per request (utime + stime of the process).
 *
 *   node --import tsx bench/read-paths-cost.ts [--notes 3000] [--requests 600] [--only notes/timeline]
 *                                             [--keep <dir>] [--profile] [--no-build]
 *
 * The workload is seeded through the API (bench/lib/seed.ts, at the small scale's shape with
 * fewer notes). `--keep <dir>` keeps the seeded data directory and reuses it on the next run,
 * which also runs any new migration on existing rows. `--profile` writes a V8 CPU profile of
 * the measuring server to .tmp/read-cost/ and prints the heaviest functions by self time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer, cpuMsOf, latestProfile, repoRoot as root, summariseProfile } from './lib/cost.js';
import { ApiClient } from './lib/http.js';
import { SCALES } from './lib/options.js';
import { pool, seed, type Seeded } from './lib/seed.js';
import { freePort, stopChild, waitServing } from './lib/target.js';
import { workloads, type Workload } from './lib/workloads.js';

const work = path.join(root, '.tmp', 'read-cost');
const distDir = path.join(work, 'dist');
const CONCURRENCY = 8;
const COUNTED_PAGES = 24;

const { values: opts } = parseArgs({
  options: {
    notes: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '600' },
    only: { type: 'string' },
    keep: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  if (!opts['no-build']) await buildServer(distDir);
  const dataDir = opts.keep ?? mkdtempSync(path.join(os.tmpdir(), 'tsubame-read-cost-'));
  mkdirSync(dataDir, { recursive: true });
  const seededFile = path.join(dataDir, 'seeded.json');
  try {
    const seeded = existsSync(seededFile) ? (JSON.parse(readFileSync(seededFile, 'utf8')) as Seeded) : await seedData(dataDir, seededFile);
    const reads = workloads(seeded).filter((w) => w.read && w.name !== 'ping' && w.name !== 'meta' && (!opts.only || opts.only.split(',').includes(w.name)));
    // Counted with the note cache off: every page a cold one (a cached page runs fewer statements).
    const counts = await withServer(dataDir, { TSUBAME_COUNT_QUERIES: '1', NOTE_CACHE_SIZE: '0' }, false, (client) => countStatements(client, reads));
    const cpu = await withServer(dataDir, {}, opts.profile, (client, child) => measureCpu(client, child, reads));
    console.log(`\nread endpoints (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, ${seeded.users.length} users, ${opts.notes} notes), concurrency ${CONCURRENCY}`);
    console.log('workload                SQL/req (min–max)  server CPU ms/req');
    for (const w of reads) console.log(`${w.name.padEnd(24)}${counts[w.name]!.padEnd(19)}${cpu[w.name]!.toFixed(3)}`);
  } finally {
    if (!opts.keep) rmSync(dataDir, { recursive: true, force: true });
  }
  if (opts.profile) summariseProfile(latestProfile(work));
}

async function seedData(dataDir: string, seededFile: string): Promise<Seeded> {
  const scale = { ...SCALES.small!, notes: Number(opts.notes), reactions: Math.round(Number(opts.notes) * 0.3), fanoutFollowers: 0 };
  return withServer(dataDir, {}, false, async (client, _child, url) => {
    const available = new Set<string>(((await client.ok('endpoints')) as string[]) ?? []);
    const seeded = await seed(client, url, scale, available, CONCURRENCY);
    writeFileSync(seededFile, JSON.stringify(seeded));
    return seeded;
  });
}

/** Starts the built server on `dataDir`, runs `fn` against it, stops it. */
async function withServer<T>(
  dataDir: string,
  env: Record<string, string>,
  profile: boolean,
  fn: (client: ApiClient, child: ChildProcess, url: string) => Promise<T>,
): Promise<T> {
  const port = await freePort();
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${work}`] : [];
  const child = spawn(process.execPath, [...flags, path.join(distDir, 'main.js')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT: 'false', HOST: '127.0.0.1', DATA_DIR: dataDir, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const client = new ApiClient(url, CONCURRENCY * 2);
  try {
    await waitServing(child, url, []);
    return await fn(client, child, url);
  } finally {
    client.close();
    await stopChild(child);
  }
}

/** Statements of `COUNTED_PAGES` different requests per workload (timelines: full pages only). */
async function countStatements(client: ApiClient, reads: Workload[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const w of reads) {
    const counts: number[] = [];
    for (let n = 0; n < COUNTED_PAGES * 3 && counts.length < COUNTED_PAGES; n++) {
      const spec = w.next(n);
      const res = await client.call(spec.endpoint, spec.params, spec.token);
      const full = !Array.isArray(res.body) || res.body.length === 20 || w.name === 'i/notifications';
      if (res.status === 200 && full && res.queryCount !== undefined) counts.push(res.queryCount);
    }
    out[w.name] = counts.length ? `${Math.min(...counts)}–${Math.max(...counts)} (${counts.length})` : 'n/a';
  }
  return out;
}

/** Server CPU milliseconds per request, after a warm-up of a third as many requests. */
async function measureCpu(client: ApiClient, child: ChildProcess, reads: Workload[]): Promise<Record<string, number>> {
  const requests = Number(opts.requests);
  const out: Record<string, number> = {};
  for (const w of reads) {
    const run = (from: number, count: number) =>
      pool([...Array(count).keys()], CONCURRENCY, async (i) => {
        const spec = w.next(from + i);
        const res = await client.call(spec.endpoint, spec.params, spec.token);
        if (res.status !== 200) throw new Error(`${w.name} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      });
    await run(0, Math.ceil(requests / 3));
    const cpu0 = cpuMsOf(child.pid!);
    await run(1000, requests);
    out[w.name] = (cpuMsOf(child.pid!) - cpu0) / requests;
  }
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
