import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Bus } from './infra/bus/bus.js';
import { MemoryBus } from './infra/bus/memory-bus.js';
import { openDatabase } from './infra/db/kysely.js';
import { migrateToLatest } from './infra/db/migrate.js';
import { QueryCounter } from './infra/db/query-counter.js';
import type { Kv } from './infra/kv/kv.js';
import { MemoryKv } from './infra/kv/memory-kv.js';
import { DbQueue } from './infra/queue/db-queue.js';
import type { Queue } from './infra/queue/queue.js';
import { jobCatalog, loadJobs, startJobs } from './jobs/define-job.js';
import type { FileStore } from './infra/files/file-store.js';
import { LocalFileStore } from './infra/files/local-store.js';
import { createMultipartReader } from './api/multipart.js';
import { createServices, type Infra, type Services } from './services.js';

/** A running instance: its server, services and how to stop it. */
export interface Instance {
  app: FastifyInstance;
  svc: Services;
  /** The URL it listens on (http://host:port). */
  url: string;
  close(): Promise<void>;
}

/** Picks the infrastructure for the configured mode; the only place that knows which implementations run. */
export async function createInfra(config: Config): Promise<Infra> {
  const queryCounter = config.countQueries ? new QueryCounter() : undefined;
  const database = openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, queryCounter }
      : { kind: 'sqlite', file: path.join(config.dataDir, 'tsubame.sqlite'), queryCounter },
  );
  await migrateToLatest(database.db);
  const redis = config.redisUrl ? await loadRedisDrivers() : undefined;
  const kv: Kv = redis ? new redis.RedisKv(config.redisUrl!, config.redisPrefix) : new MemoryKv();
  const bus: Bus = redis ? new redis.RedisBus(config.redisUrl!, config.redisPrefix + 'bus:') : new MemoryBus();
  const files: FileStore = config.s3
    ? new (await import('./infra/files/s3-store.js')).S3FileStore(config.s3)
    : new LocalFileStore(path.join(config.dataDir, 'files'), () => config.publicUrl);
  const catalog = jobCatalog(await loadJobs());
  const queue: Queue = redis
    ? new redis.BullmqQueue(config.redisUrl!, config.redisPrefix + 'queue', catalog, { lockMs: config.jobLeaseMs, stalledCheckMs: config.jobLeaseMs })
    : new DbQueue(database.db, database.dialect, catalog, { leaseMs: config.jobLeaseMs });
  return { config, database, kv, bus, files, queue };
}

/**
 * The Redis-backed drivers, imported only when REDIS_URL is set: ioredis and BullMQ (like the
 * AWS SDK above) cost the embedded mode tens of MB of memory and start-up time it never uses.
 */
async function loadRedisDrivers() {
  const [{ RedisKv }, { RedisBus }, { BullmqQueue }] = await Promise.all([
    import('./infra/kv/redis-kv.js'),
    import('./infra/bus/redis-bus.js'),
    import('./infra/queue/bullmq-queue.js'),
  ]);
  return { RedisKv, RedisBus, BullmqQueue };
}

/** Starts an instance: infrastructure, migrations, services, then the HTTP server. */
export async function startInstance(config: Config): Promise<Instance> {
  const infra = await createInfra(config);
  const svc = createServices(infra);
  // ROLE=both (the default) runs the jobs in the web process; ROLE=web leaves them to workers.
  if (config.role === 'both') startJobs(infra.queue, await loadJobs(), svc);
  const app = await buildApp({ svc, readMultipart: createMultipartReader(config) });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  return {
    app,
    svc,
    url,
    async close() {
      await app.close();
      await closeInfra(infra);
    },
  };
}

/** Starts a worker (ROLE=worker): infrastructure and services, running jobs, no HTTP server. */
export async function startWorker(config: Config): Promise<{ svc: Services; close(): Promise<void> }> {
  const infra = await createInfra(config);
  const svc = createServices(infra);
  startJobs(infra.queue, await loadJobs(), svc);
  return { svc, close: () => closeInfra(infra) };
}

async function closeInfra(infra: Infra): Promise<void> {
  // Running jobs finish before the connections they use go away.
  await infra.queue.close();
  await Promise.all([infra.bus.close(), infra.kv.close(), infra.files.close?.()]);
  await infra.database.close();
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`tsubame: configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const mode = `${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}${config.redisUrl ? ' + Redis' : ''}; role ${config.role}`;
  let instance: { close(): Promise<void> };
  if (config.role === 'worker') {
    instance = await startWorker(config);
    console.log(`tsubame: worker running jobs (${mode})`);
  } else {
    const web = await startInstance(config);
    instance = web;
    console.log(`tsubame: serving ${config.publicUrl} (listening on ${web.url}; ${mode})`);
  }

  const shutdown = async (signal: string) => {
    console.log(`tsubame: ${signal} received, shutting down`);
    await instance.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error('tsubame: failed to start:', err);
    process.exit(1);
  });
}
