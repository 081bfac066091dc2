import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchSingleProcess, serverNodeFlags, stopChild, type LaunchSpec, type Target } from './target.js';

const WEB_PROCESSES = 2;

/**
 * The scale-out shape: two `ROLE=web` processes and one `ROLE=worker` over the same PostgreSQL
 * and Redis, behind a round-robin TCP balancer (per connection, as nginx's upstream does), so
 * the load generator and the streams see one URL.
 */
export async function launchScaleOut(spec: LaunchSpec): Promise<Target> {
  const started = performance.now();
  // The first web process migrates a fresh database; the others start on a migrated one.
  const first = await launchSingleProcess({ ...spec, env: { ...spec.env, ROLE: 'web' }, label: `${spec.label} web 1` });
  const [rest, worker] = await Promise.all([
    Promise.all(Array.from({ length: WEB_PROCESSES - 1 }, (_, i) => launchSingleProcess({ ...spec, env: { ...spec.env, ROLE: 'web' }, label: `${spec.label} web ${i + 2}` }))),
    launchWorker(spec),
  ]);
  const webs = [first, ...rest];
  const balancer = await roundRobin(webs.map((w) => new URL(w.url)));
  const target = {
    url: balancer.url,
    pids: [...webs.flatMap((w) => w.pids), worker.pid!],
    startupMs: performance.now() - started,
    // CPU spent by the web processes until they served (the worker's is not on the serving path).
    startupCpuMs: webs.reduce((sum, w) => sum + ((w as { startupCpuMs?: number }).startupCpuMs ?? 0), 0),
    async stop() {
      await balancer.close();
      await Promise.all([...webs.map((w) => w.stop()), stopChild(worker)]);
    },
  };
  return target;
}

function launchWorker(spec: LaunchSpec): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...serverNodeFlags(), path.join(spec.distDir, 'main.js')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...spec.env, ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    child.stderr!.on('data', (d) => (output += d));
    child.stdout!.on('data', (d) => {
      output += d;
      if (!output.includes('tsubame: worker running')) return;
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
}

/** A TCP proxy on 127.0.0.1 handing each new connection to the next backend in turn. */
async function roundRobin(backends: URL[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const target = backends[next++ % backends.length]!;
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
