/**
 * Start-up on existing data, measured as `npm run bench` does (spawn → first answered `ping`,
 * with npm start's node flags), but several times, so a median means something on a busy machine:
 * wall time, CPU time (utime + stime, far less distorted by other load) and idle RSS 1.5 s later.
 *
 *   node --import tsx bench/startup-cost.ts [starts=7] [--no-build] [--dist <dir>] [--data <dir>] [--profile]
 *
 * The server is the production build (`buildServer`, what `npm start` runs) in .tmp/startup-cost/dist,
 * or any other build given with --dist (an A/B against an older tree). The data directory is a copy
 * of --data (e.g. one kept by `bench/read-paths-cost.ts --keep <dir>`) or a new one, created by a first
 * start (migrations), in .tmp/startup-cost/data. --profile writes a V8 CPU profile of one more start
 * (start-up and the 1.5 s idle that follows) and prints the heaviest functions.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer, cpuMsOf, latestProfile, repoRoot as root, summariseProfile } from './lib/cost.js';
import { freePort, memoryOf, serverNodeFlags, stopChild, waitServing } from './lib/target.js';

const work = path.join(root, '.tmp', 'startup-cost');
const args = process.argv.slice(2);
const starts = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
const distArg = args.indexOf('--dist');
const distDir = distArg >= 0 ? path.resolve(args[distArg + 1]!) : path.join(work, 'dist');
const dataArg = args.indexOf('--data');
const dataDir = path.join(work, 'data');

interface Start {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

async function startOnce(extraFlags: string[] = []): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...serverNodeFlags(), ...extraFlags, path.join(distDir, 'main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT: 'false', HOST: '127.0.0.1', DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitServing(child, `http://127.0.0.1:${port}`, []);
    const wallMs = performance.now() - started;
    const cpuMs = cpuMsOf(child.pid!);
    await new Promise((r) => setTimeout(r, 1500));
    return { wallMs, cpuMs, rssMb: memoryOf([child.pid!]).rssMb };
  } finally {
    await stopChild(child);
  }
}

function summary(values: number[], unit: string): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `median ${median.toFixed(0)} ${unit} (min ${sorted[0]!.toFixed(0)}, max ${sorted[sorted.length - 1]!.toFixed(0)})`;
}

async function main(): Promise<void> {
  if (distArg < 0 && !args.includes('--no-build')) await buildServer(distDir);
  rmSync(dataDir, { recursive: true, force: true });
  if (dataArg >= 0) cpSync(path.resolve(args[dataArg + 1]!), dataDir, { recursive: true });
  else mkdirSync(dataDir, { recursive: true });
  const fresh = await startOnce();
  console.log(`first start (${dataArg >= 0 ? 'copied data' : 'fresh data directory, migrations'}): ${fresh.wallMs.toFixed(0)} ms, CPU ${fresh.cpuMs} ms`);
  const runs: Start[] = [];
  for (let i = 0; i < starts; i++) {
    const run = await startOnce();
    runs.push(run);
    console.log(`  start ${i + 1}: ${run.wallMs.toFixed(0)} ms, CPU ${run.cpuMs} ms, idle RSS ${run.rssMb.toFixed(1)} MB`);
  }
  console.log(`existing data, ${starts} starts of ${path.relative(root, distDir)}:`);
  console.log(`  wall to first answer: ${summary(runs.map((r) => r.wallMs), 'ms')}`);
  console.log(`  CPU to first answer:  ${summary(runs.map((r) => r.cpuMs), 'ms')}`);
  console.log(`  idle RSS:             ${summary(runs.map((r) => r.rssMb), 'MB')}`);
  if (args.includes('--profile')) {
    const profileDir = path.join(work, 'profile');
    rmSync(profileDir, { recursive: true, force: true });
    // The profile is written when the process exits, i.e. it covers start-up and the 1.5 s idle.
    await startOnce(['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    summariseProfile(latestProfile(profileDir));
  }
}

await main();
