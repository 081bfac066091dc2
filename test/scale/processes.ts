import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestServer } from '../support/server.js';

const root = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 90_000;

/** A real `node src/main.ts` process of the server, started with its own environment. */
export class ServerProcess {
  output = '';
  /** The URL a web process listens on (undefined for a worker). */
  url: string | undefined;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
  }

  /** A second web process beside the test server `server`: the same database, data directory and Redis. */
  static beside(server: TestServer, name: string): Promise<ServerProcess> {
    const config = server.instance.svc.config;
    return ServerProcess.start(name, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'false',
      DATA_DIR: config.dataDir,
      REDIS_URL: config.redisUrl!,
      REDIS_PREFIX: config.redisPrefix,
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    });
  }

  /** Spawns the server and resolves once it says it is serving (web) or running jobs (worker). */
  static start(name: string, env: Record<string, string>): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = new ServerProcess(name, child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${proc.output}`)), START_TIMEOUT_MS);
      const onData = () => {
        const listening = /tsubame: serving \S+ \(listening on (\S+);/.exec(proc.output);
        if (!listening && !proc.output.includes('tsubame: worker running')) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        proc.url = listening?.[1]?.replace('localhost', '127.0.0.1');
        resolve(proc);
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code} before it was ready:\n${proc.output}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Sends `signal` and resolves when the process has exited. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }

  /** Raw POST /api/<endpoint> with a JSON body. */
  async post(endpoint: string, body: Record<string, unknown> = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await fetch(`${this.url}/api/${endpoint}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}
