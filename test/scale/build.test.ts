import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from '../../scripts/build.js';
import { backends, scratchDatabase } from './support.js';

// The production build (`npm start` runs it): a bundle whose endpoints, jobs and migrations come
// from a list made at build time instead of directories read at run time. Every other test runs
// from source, so this one checks what only the build can break.

const root = path.resolve(import.meta.dirname, '../..');
// Inside the repository: the bundle finds its external dependencies in node_modules from there.
const distDir = path.join(root, '.tmp', `test-build-${randomBytes(4).toString('hex')}`);

before(() => build(distDir));
after(() => rm(distDir, { recursive: true, force: true }));

/** Runs a built program to its end: exit code and output. */
function runToEnd(file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(distDir, file)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Starts dist/main.js and resolves with its URL once it says it is serving. */
function startBuilt(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=2', path.join(distDir, 'main.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const listening = /tsubame: serving \S+ \(listening on (\S+);/.exec(output);
      if (!listening) return;
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve({ child, url: listening[1]!.replace('localhost', '127.0.0.1'), output: () => output });
    };
    const onExit = (code: number | null) => reject(new Error(`dist/main.js exited with ${code}:\n${output}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function post(url: string, endpoint: string, body: Record<string, unknown> = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${url}/api/${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const targets: [string, string | undefined, string | false][] = [
  ['SQLite', undefined, false],
  ['PostgreSQL + Redis', backends.postgres, backends.postgres && backends.redis ? false : 'skipped: no TEST_DATABASE_URL and TEST_REDIS_URL'],
];

for (const [name, adminUrl, skip] of targets) {
  describe(`the production build on ${name}`, { skip }, () => {
    test('migrates with dist/cli/migrate.js, then dist/main.js serves the API, its documents and its images', async () => {
      const scratch = await scratchDatabase(adminUrl);
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-build-'));
      const env: Record<string, string> =
        scratch.target.kind === 'postgres'
          ? { DATA_DIR: dataDir, DATABASE_URL: scratch.target.url, REDIS_URL: backends.redis!, REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:` }
          : { DATA_DIR: path.dirname(scratch.target.file) };
      try {
        const migrate = await runToEnd('cli/migrate.js', env);
        assert.equal(migrate.code, 0, migrate.output);
        assert.match(migrate.output, /database is up to date/);

        const server = await startBuilt(env);
        try {
          const { url } = server;
          assert.equal((await post(url, 'ping')).status, 200);
          // Endpoints load from their own chunks on first call.
          const admin = await post(url, 'admin/accounts/create', { username: 'admin', password: 'password' });
          assert.equal(admin.status, 200, JSON.stringify(admin.body));
          const token = admin.body.token as string;
          assert.equal((await post(url, 'i', { i: token })).body.username, 'admin');
          const created = await post(url, 'notes/create', { i: token, text: 'built #tsubame' });
          assert.equal(created.status, 200, JSON.stringify(created.body));
          const timeline = await post(url, 'notes/timeline', { i: token });
          assert.deepEqual(timeline.body.map((n: { id: string }) => n.id), [created.body.createdNote.id]);
          assert.equal((await post(url, 'no/such/endpoint')).body.error.code, 'UNKNOWN_API_ENDPOINT');

          // Every endpoint's chunk: the OpenAPI document loads all of them.
          const endpoints = (await post(url, 'endpoints')).body as string[];
          const doc = (await (await fetch(`${url}/api.json`)).json()) as { paths: Record<string, unknown> };
          assert.equal(Object.keys(doc.paths).length, endpoints.length);
          assert.ok(endpoints.length > 100 && endpoints.includes('notes/create'));

          // Files found in node_modules at run time (the API viewer) and a native module loaded on first use (sharp).
          const css = await fetch(`${url}/api-doc/assets/swagger-ui.css`);
          assert.equal(css.status, 200);
          assert.ok((await css.text()).length > 1000);
          const avatar = await fetch(`${url}/identicon/admin`);
          assert.equal(avatar.status, 200);
          assert.equal(avatar.headers.get('content-type'), 'image/png');
          assert.ok((await avatar.arrayBuffer()).byteLength > 0);
        } finally {
          assert.equal(await stop(server.child), 0, server.output());
        }
      } finally {
        await scratch.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
