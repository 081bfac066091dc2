import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { BenchOptions } from './options.js';

/** Where one run's server keeps its data, and how to remove it afterwards. */
export interface BenchEnvironment {
  /** Server environment variables selecting the mode and the data. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A temp data directory; in services mode also a fresh PostgreSQL database and a unique Redis prefix. */
export async function prepareEnvironment(opts: BenchOptions): Promise<BenchEnvironment> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-bench-'));
  if (opts.mode === 'embedded') {
    return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const suffix = randomBytes(5).toString('hex');
  const dbName = `tsubame_bench_${suffix}`;
  await adminQuery(opts.databaseUrl, `CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(opts.databaseUrl);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `bench:${suffix}:`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: dbUrl.toString(), REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix },
    async cleanup() {
      await rm(dataDir, { recursive: true, force: true });
      await adminQuery(opts.databaseUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await deleteRedisKeys(opts.redisUrl, prefix);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
