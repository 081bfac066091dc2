/**
 * The cost of streaming fan-out, in what a busy machine does not distort: server CPU time per
 * note posted and delivered to N open `homeTimeline` sockets (and per delivery), plus the
 * delivery delays and RSS per socket that `npm run bench` reports.
 *
 *   node --import tsx bench/fanout-cost.ts [followers=1000] [notes=50] [--profile] [--no-build]
 *
 * The followers are one account created through the API and copies of it written straight into
 * the database (cloneFollowers). --profile writes a V8 CPU profile of the server to
 * .tmp/fanout-cost/ and prints the heaviest functions by self time.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, cpuMsOf, latestProfile, repoRoot as root, summariseProfile } from './lib/cost.js';
import { cloneFollowers, measureFanout } from './lib/fanout.js';
import { ApiClient } from './lib/http.js';
import { freePort, memoryOf, stopChild, waitServing } from './lib/target.js';

const work = path.join(root, '.tmp', 'fanout-cost');
const distDir = path.join(work, 'dist');
const args = process.argv.slice(2);
const [followers = 1000, notes = 50] = args.filter((a) => /^\d+$/.test(a)).map(Number);
const profile = args.includes('--profile');

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  if (!args.includes('--no-build')) await buildServer(distDir);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsubame-fanout-cost-'));
  const env = { DATA_DIR: dataDir, ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) };
  const port = await freePort();
  const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${work}`] : []), path.join(distDir, 'main.js')], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', RATE_LIMIT: 'false', HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitServing(child, url, []);
    const client = new ApiClient(url, 16);
    const admin = await client.ok('admin/accounts/create', { username: 'admin', password: 'bench-password' });
    const account = async (username: string) => {
      const body = await client.ok('admin/accounts/create', { username, password: 'bench-password' }, admin.token);
      return { id: body.id as string, username, token: body.token as string };
    };
    const poster = await account('poster');
    const template = await account('follower');
    await client.ok('following/create', { userId: poster.id }, template.token);
    const listeners = [template, ...(await cloneFollowers(env, poster, template, followers - 1))];
    // measureFanout reads the CPU time just before and just after its measured notes; the user and
    // system parts of those readings tell our JavaScript and ws (user) from the kernel's socket writes (system).
    const readings: [number, number][] = [];
    const probes = {
      rssMb: () => memoryOf([child.pid!]).rssMb,
      cpuMs: () => {
        readings.push(userSystemMs(child.pid!));
        return cpuMsOf(child.pid!);
      },
    };
    const split = () => {
      const [[u0, s0], [u1, s1]] = readings.splice(0).slice(-2) as [[number, number], [number, number]];
      return { user: u1 - u0, system: s1 - s0 };
    };
    // A first round warms the JIT and the statement caches. Then the same notes reach one socket
    // (the cost of notes/create itself, which grows with the follower count) and all of them.
    await measureFanout(client, url, poster, listeners, 10, probes);
    const one = await measureFanout(client, url, poster, listeners.slice(0, 1), notes, probes);
    const oneSplit = split();
    const r = await measureFanout(client, url, poster, listeners, notes, probes);
    const allSplit = split();
    const delivery = r.serverCpuPerNoteMs - one.serverCpuPerNoteMs;
    const share = (k: 'user' | 'system') => ((allSplit[k] - oneSplit[k]) / notes).toFixed(1);
    console.log(`fan-out to ${r.listeners} homeTimeline sockets × ${r.notes} notes (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`);
    console.log(`  server CPU per note: ${r.serverCpuPerNoteMs} ms with ${r.listeners} sockets, ${one.serverCpuPerNoteMs} ms with one`);
    console.log(`  delivery: ${delivery.toFixed(2)} ms per note (user ${share('user')} ms, system ${share('system')} ms), ${((delivery * 1000) / (r.listeners - 1)).toFixed(1)} µs per socket`);
    console.log(`  delay after notes/create: p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, missed ${r.missed}; RSS ${r.rssPerConnectionKb} KB per socket`);
    client.close();
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (profile) summariseProfile(latestProfile(work));
}

/** [user, system] CPU time of a process so far, ms (fields 14 and 15 of /proc/<pid>/stat). */
function userSystemMs(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(fields[11]) * 10, Number(fields[12]) * 10];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
