import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuMsOf } from './cost.js';

/**
 * A running Tsubame under test. The runner only uses this shape, so another launcher
 * (e.g. several processes behind a balancer for the scale-out mode) plugs in by
 * returning its URL and all of its process ids.
 */
export interface Target {
  url: string;
  /** Server processes whose memory is measured (summed). */
  pids: number[];
  /** Milliseconds from spawning to the first answered request. */
  startupMs: number;
  /** CPU milliseconds (user + system) the processes spent until then; robust on a busy machine. */
  startupCpuMs?: number;
  stop(): Promise<void>;
}

/** What a launcher needs to start the server on some data. */
export interface LaunchSpec {
  /** Directory holding the compiled server (main.js). */
  distDir: string;
  /** Environment for the server on top of the benchmark's defaults (DATA_DIR, DATABASE_URL, …). */
  env: Record<string, string>;
  /** Label in log lines. */
  label: string;
}

/**
 * The Node flags of `npm start` (package.json), so the benchmark measures the server as it is
 * deployed: e.g. `--max-semi-space-size=2`, which keeps the young generation small (idle RSS
 * ~105 → ~90 MB, and no more CPU per request in our measurements).
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  const flags = /\bnode ((?:--\S+ )*)dist\/main\.js/.exec(pkg.scripts.start)?.[1] ?? '';
  return flags.split(' ').filter(Boolean);
}

/** Starts one server process: `node <npm start's flags> <dist>/main.js` on a free 127.0.0.1 port. */
export async function launchSingleProcess(spec: LaunchSpec): Promise<Target> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...serverNodeFlags(), path.join(spec.distDir, 'main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT: 'false', HOST: '127.0.0.1', ...spec.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (prefix: string) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      if (prefix === 'err') console.error(`  [${spec.label}] ${line}`);
    }
  };
  child.stdout!.on('data', keep('out'));
  child.stderr!.on('data', keep('err'));
  const url = `http://127.0.0.1:${port}`;
  await waitServing(child, url, output);
  const startupMs = performance.now() - started;
  return { url, pids: [child.pid!], startupMs, startupCpuMs: cpuMsOf(child.pid!), stop: () => stopChild(child) };
}

/** Resident memory of the processes in MB: current (VmRSS) and the high-water mark (VmHWM). */
export function memoryOf(pids: number[]): { rssMb: number; peakMb: number } {
  let rss = 0;
  let peak = 0;
  for (const pid of pids) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    rss += kb(status, 'VmRSS');
    peak += kb(status, 'VmHWM');
  }
  return { rssMb: rss / 1024, peakMb: peak / 1024 };
}

function kb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}

export async function waitServing(child: ChildProcess, url: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited during start-up:\n${output.join('\n')}`);
    try {
      const res = await fetch(`${url}/api/ping`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer within 60 s:\n${output.join('\n')}`);
}

/** Stops a server process: SIGTERM, then SIGKILL after 10 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
