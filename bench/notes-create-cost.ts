/**
 * The cost of one `notes/create`, measured in what a busy machine does not distort: server CPU
 * time (utime + stime) and SQL statements per note, listeners included (streaming packer,
 * notifications), which `X-Query-Count` cannot see because they finish after the answer.
 * Also the main thread's CPU and the event loop's busy time per note: work moved to a worker
 * thread leaves the first, and blocking without CPU (fsync) shows only in the second.
 *
 *   node --import tsx bench/notes-create-cost.ts [notes=1500] [--profile] [--no-build]
 *   DATABASE_URL=postgres://…/<empty db> REDIS_URL=redis://… node --import tsx bench/notes-create-cost.ts
 *
 * .tmp/create-cost/statements.txt lists the statements of the measured phase: count, CPU time spent
 * executing them, wall time (SQLite only; the costliest first) and SQL text.
 * --profile writes a V8 CPU profile of the server during the measured phase to
 * .tmp/create-cost/ and prints the heaviest functions by self time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, cpuMsOf, latestProfile, repoRoot as root, summariseProfile } from './lib/cost.js';
import { ApiClient } from './lib/http.js';
import { pool } from './lib/seed.js';
import { freePort, stopChild, waitServing } from './lib/target.js';

const work = path.join(root, '.tmp', 'create-cost');
const distDir = path.join(work, 'dist');
const USERS = 20;
const FOLLOWS = 10;
const CONCURRENCY = 8;

const args = process.argv.slice(2);
const notes = Number(args.find((a) => /^\d+$/.test(a)) ?? 1500);
const profile = args.includes('--profile');

/** Counts statements in the server process (better-sqlite3 executions, pg queries), reported on SIGUSR2. */
const COUNTER = `
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/package.json');
import { readFileSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { performance } from 'node:perf_hooks';
let n = 0;
const texts = new Map();
const seen = (sql, ms, wallMs) => {
  n++;
  const text = typeof sql === 'string' ? sql : sql?.text ?? String(sql);
  const entry = texts.get(text) ?? { count: 0, ms: 0, wallMs: 0 };
  entry.count++;
  entry.ms += ms;
  entry.wallMs += wallMs;
  texts.set(text, entry);
};
// Executions, not prepares: the server keeps prepared statements.
const Sqlite = require('better-sqlite3');
const probe = new Sqlite(':memory:');
const Statement = Object.getPrototypeOf(probe.prepare('select 1'));
probe.close();
for (const method of ['all', 'run', 'get', 'iterate']) {
  const original = Statement[method];
  Statement[method] = function (...a) {
    // CPU time of the process (user + system), not wall time, which waits on a busy machine.
    // Not while profiling: getrusage() per statement would be a large part of the profile.
    if (process.env.PROFILE_DIR) {
      seen(this.source, 0, 0);
      return original.apply(this, a);
    }
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    try {
      return original.apply(this, a);
    } finally {
      const t = process.cpuUsage(t0);
      seen(this.source, (t.user + t.system) / 1000, performance.now() - w0);
    }
  };
}
try {
  const pg = require('pg');
  const query = pg.Client.prototype.query;
  // pg answers asynchronously: no time, only the count.
  pg.Client.prototype.query = function (sql, ...a) { seen(sql, 0, 0); return query.call(this, sql, ...a); };
} catch {}
// With PROFILE_DIR, the first report starts a CPU profile and the second writes it: the measured phase only.
const session = process.env.PROFILE_DIR ? new inspector.Session() : undefined;
let profiling = false;
session?.connect();
const post = (method) => new Promise((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
// Each report also writes the statements run since the previous one: count, CPU ms and wall ms (SQLite), text.
process.on('SIGUSR2', async () => {
  const lines = [...texts].sort((a, b) => b[1].ms - a[1].ms).map(([t, e]) => e.count + '\\t' + e.ms.toFixed(1) + '\\t' + e.wallMs.toFixed(1) + '\\t' + t);
  writeFileSync(process.env.STATEMENTS_FILE, lines.join('\\n'));
  texts.clear();
  if (session && !profiling) {
    await post('Profiler.enable');
    await post('Profiler.start');
    profiling = true;
  } else if (session) {
    const { profile } = await post('Profiler.stop');
    writeFileSync(process.env.PROFILE_DIR + '/' + Date.now() + '.cpuprofile', JSON.stringify(profile));
    profiling = false;
  }
  // The main thread's own CPU (checkpoints in a worker thread are not in it) and the event loop's
  // busy wall time, which also holds what blocks it without CPU (fsync in a commit's checkpoint).
  const fields = readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' ');
  const mainCpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  const busyMs = performance.eventLoopUtilization().active;
  process.stdout.write('STATEMENTS ' + n + ' ' + mainCpuMs + ' ' + busyMs.toFixed(1) + '\\n');
});
`;

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  if (!args.includes('--no-build')) await buildServer(distDir);
  const counter = path.join(work, 'counter.mjs');
  writeFileSync(counter, COUNTER);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsubame-create-cost-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', counter, path.join(distDir, 'main.js')], {
    cwd: root,
    env: { ...process.env, ...(profile ? { PROFILE_DIR: work } : {}), STATEMENTS_FILE: path.join(work, 'statements.txt'), LOG_LEVEL: 'warn', RATE_LIMIT: 'false', HOST: '127.0.0.1', DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let last: Report = { statements: 0, mainCpuMs: 0, busyMs: 0 };
  let onReport: (() => void) | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    const m = /STATEMENTS (\d+) (\d+) ([\d.]+)/.exec(chunk.toString('utf8'));
    if (m) {
      last = { statements: Number(m[1]), mainCpuMs: Number(m[2]), busyMs: Number(m[3]) };
      onReport?.();
    }
  });
  const report = () =>
    new Promise<Report>((resolve) => {
      onReport = () => resolve(last);
      child.kill('SIGUSR2');
    });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitServing(child, url, []);
    const client = new ApiClient(url, CONCURRENCY * 2);
    const admin = await client.ok('admin/accounts/create', { username: 'admin', password: 'bench-password' });
    const users = await Promise.all(
      Array.from({ length: USERS }, (_, i) => client.ok('admin/accounts/create', { username: `u${i}`, password: 'bench-password' }, admin.token)),
    );
    for (let a = 0; a < USERS; a++) {
      for (let k = 1; k <= FOLLOWS; k++) await client.ok('following/create', { userId: users[(a + k) % USERS].id }, users[a].token);
    }
    const post = (n: number) =>
      client.ok('notes/create', { text: `bench note ${n} over the river${n % 4 ? '' : ' #tsubame'}`, visibility: 'public' }, users[n % USERS].token);
    // Warm-up: JIT, statement caches, endpoint validators.
    await pool([...Array(300).keys()], CONCURRENCY, async (n) => void (await post(n)));
    await settle();
    const cpu0 = cpuMsOf(child.pid!);
    const r0 = await report();
    const t0 = Date.now();
    await pool([...Array(notes).keys()], CONCURRENCY, async (n) => void (await post(n + 300)));
    const wallMs = Date.now() - t0;
    await settle();
    const cpuMs = cpuMsOf(child.pid!) - cpu0;
    const r1 = await report();
    const per = (ms: number) => (ms / notes).toFixed(3);
    console.log(`notes/create × ${notes} (concurrency ${CONCURRENCY}, ${USERS} users following ${FOLLOWS} each, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`);
    console.log(`  server CPU per note: ${per(cpuMs)} ms (main thread ${per(r1.mainCpuMs - r0.mainCpuMs)} ms)   event loop busy per note: ${per(r1.busyMs - r0.busyMs)} ms`);
    console.log(`  statements per note: ${((r1.statements - r0.statements) / notes).toFixed(2)}   wall: ${((notes * 1000) / wallMs).toFixed(0)} notes/s   ${walSize(dataDir)}`);
    client.close();
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (profile) summariseProfile(latestProfile(work));
}

/** Cumulative counters the server reports on SIGUSR2. */
interface Report {
  statements: number;
  mainCpuMs: number;
  /** Wall time the event loop was not idle (performance.eventLoopUtilization().active). */
  busyMs: number;
}

/** SQLite's WAL file after the run (its size is its high-water mark). */
function walSize(dataDir: string): string {
  const wal = path.join(dataDir, 'tsubame.sqlite-wal');
  return existsSync(wal) ? `WAL file: ${(statSync(wal).size / 2 ** 20).toFixed(1)} MB` : '';
}

/** Lets listeners that run after the answers (streaming, notifications) finish. */
function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 1500));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
