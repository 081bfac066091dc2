import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './dialect.js';
import { BOOLEAN_COLUMNS, type DB } from './schema.js';
import { SqliteBooleanPlugin } from './sqlite-booleans.js';

/** Where the database lives: a PostgreSQL URL, or a SQLite file path. */
export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'sqlite'; file: string };

/** Opens the database named by the target. */
export function openDatabase(target: DatabaseTarget): Database {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize ?? 10) : openSqlite(target.file);
}

function openSqlite(file: string): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new SqliteBooleanPlugin(BOOLEAN_COLUMNS)],
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

// int8 (COUNT(*), epoch-ms columns) as JS numbers: every value we store fits in 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
