import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Misskey from 'misskey-js';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { startInstance, type Instance } from '../../src/main.js';

/** A user created for a test, with its native token. */
export interface TestUser {
  id: string;
  username: string;
  token: string;
  password: string;
}

/** A running server for one test file, on a fresh database. */
export interface TestServer {
  url: string;
  instance: Instance;
  /** A misskey-js client, authenticated when a token is given. */
  api(token?: string): Misskey.api.APIClient;
  /** Creates a user through the API (the first one becomes the administrator). */
  createUser(username?: string, password?: string): Promise<TestUser>;
  /** Raw POST /api/<endpoint> with a JSON body; returns status, headers and parsed body. */
  post(endpoint: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Which backends this run uses: SQLite always; PostgreSQL/Redis when TEST_DATABASE_URL/TEST_REDIS_URL are set. */
export const backends = {
  postgres: process.env.TEST_DATABASE_URL,
  redis: process.env.TEST_REDIS_URL,
};

/** Starts a server on a free port with its own data directory and database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-test-'));
  const database = backends.postgres ? await createPostgresDatabase(backends.postgres) : undefined;
  const config: Config = {
    ...loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...(backends.redis ? { REDIS_URL: backends.redis, REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:` } : {}),
      ...env,
    }),
  };
  const instance = await startInstance(config);
  // PUBLIC_URL must name the real port, which is only known after listening.
  instance.svc.config.publicUrl = instance.url;
  const url = instance.url;
  let userCount = 0;
  // The first account is the administrator; later accounts are created with its token.
  let admin: TestUser | undefined;

  const server: TestServer = {
    url,
    instance,
    api: (token) => new Misskey.api.APIClient({ origin: url, credential: token ?? null }),
    async createUser(username = `user${++userCount}_${randomBytes(3).toString('hex')}`, password = 'password') {
      const res = await server.post('admin/accounts/create', { username, password, ...(admin ? { i: admin.token } : {}) });
      if (res.status !== 200) throw new Error(`createUser failed: ${res.status} ${JSON.stringify(res.body)}`);
      const user = { id: res.body.id, username, token: res.body.token, password };
      admin ??= user;
      return user;
    },
    async post(endpoint, body = {}, headers = {}) {
      const res = await fetch(`${url}/api/${endpoint}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await instance.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };

  return server;
}

async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tsubame_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
