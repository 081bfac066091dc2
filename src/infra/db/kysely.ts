import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type pg from 'pg';
import type { Database } from './dialect.js';
import type { QueryCounter } from './query-counter.js';
import { BOOLEAN_COLUMNS, type DB } from './schema.js';
import { SqliteBooleanPlugin } from './sqlite-booleans.js';
import { DEFAULT_WAL_CHECKPOINTS, WalCheckpointer, type WalCheckpointOptions } from './wal-checkpointer.js';

/** Where the database lives: a PostgreSQL URL, or a SQLite file path. */
export type DatabaseTarget = ({ kind: 'postgres'; url: string; poolSize?: number } | { kind: 'sqlite'; file: string; walCheckpoints?: Partial<WalCheckpointOptions> }) & {
  /** Counts every statement per request (benchmarks only); absent = no logging hook at all. */
  queryCounter?: QueryCounter;
};

/** Opens the database named by the target. */
export function openDatabase(target: DatabaseTarget): Database {
  const counter = target.queryCounter;
  const log = counter ? () => counter.record() : undefined;
  const database =
    target.kind === 'postgres' ? openPostgres(target.url, target.poolSize ?? 10, log) : openSqlite(target.file, { ...DEFAULT_WAL_CHECKPOINTS, ...target.walCheckpoints }, log);
  return counter ? { ...database, queryCounter: counter } : database;
}

function openSqlite(file: string, checkpoints: WalCheckpointOptions, log: (() => void) | undefined): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A checkpoint inside a commit (every 1,000 pages by default) copies pages and fsyncs twice on the
  // event loop: ~0.9 ms per note and the 20–90 ms stalls of notes/create's p99. A worker does it;
  // the main connection only past the fallback bound.
  sqlite.pragma(`wal_autocheckpoint = ${checkpoints.fallbackPages}`);
  const checkpointer = new WalCheckpointer(file, checkpoints);
  checkpointer.start();
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new SqliteBooleanPlugin(BOOLEAN_COLUMNS)],
    log,
  });
  return {
    db,
    dialect: 'sqlite',
    walCheckpointer: checkpointer,
    async close() {
      await checkpointer.close();
      await db.destroy();
    },
  };
}

// Enough for every distinct statement the server runs in a busy minute; each costs a few kB.
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares (compiles) every query afresh, which cost better-sqlite3 as much CPU as running
 * it. Compiled statements are kept by SQL text, the least recently used dropped past the bound.
 * A statement still iterating (a streamed query) is busy, so a second user gets a fresh one.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached?.busy) return sqlite.prepare(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

// int8 (COUNT(*), epoch-ms columns) as JS numbers: every value we store fits in 2^53.
function pgTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === types.builtins.INT8) return (v: string) => Number(v);
      return types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
}

function openPostgres(url: string, poolSize: number, log: (() => void) | undefined): Database {
  // pg is loaded only in the PostgreSQL mode, so the embedded mode does not carry it in memory.
  const { Pool, types } = createRequire(import.meta.url)('pg') as typeof pg;
  const pool = new Pool({ connectionString: url, max: poolSize, types: pgTypes(types) });
  // An idle client whose connection the server ends (a restart, an administrator's termination)
  // emits 'error' on the pool; unheard, that would crash the process. The pool replaces the client.
  pool.on('error', (err) => console.warn(`tsubame: an idle PostgreSQL connection was lost (${err.message})`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
