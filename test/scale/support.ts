import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/infra/db/dialect.js';
import { openDatabase } from '../../src/infra/db/kysely.js';
import { migrateToLatest } from '../../src/infra/db/migrate.js';

/** Which services this run may use (as test/support/server.ts; kept here so infra tests need no app). */
export const backends = {
  postgres: process.env.TEST_DATABASE_URL,
  redis: process.env.TEST_REDIS_URL,
};

/** A database of its own for one test: a SQLite file, or a fresh PostgreSQL database. */
export interface ScratchDatabase {
  /** The URL (PostgreSQL) or file (SQLite) to open it again, e.g. after a "restart". */
  target: { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };
  open(): Database;
  drop(): Promise<void>;
}

/** Creates an empty database (migrations not applied) on SQLite or on the PostgreSQL at `adminUrl`. */
export async function scratchDatabase(adminUrl?: string): Promise<ScratchDatabase> {
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tsubame-scale-'));
    const target = { kind: 'sqlite' as const, file: path.join(dir, 'tsubame.sqlite') };
    return { target, open: () => openDatabase(target), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `tsubame_scale_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target = { kind: 'postgres' as const, url: url.toString() };
  return { target, open: () => openDatabase(target), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Opens a scratch database with every migration applied. */
export async function migrated(scratch: ScratchDatabase): Promise<Database> {
  const database = scratch.open();
  await migrateToLatest(database.db);
  return database;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Resolves when `check` returns a truthy value; fails after `timeoutMs`. Polls, never sleeps blindly. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A promise with its resolve function, for handlers that report back to a test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
