import type { Kysely } from 'kysely';
import type { QueryCounter } from './query-counter.js';
import type { WalCheckpointer } from './wal-checkpointer.js';
import type { DB } from './schema.js';

/** Which SQL engine a Kysely instance talks to. */
export type DialectName = 'sqlite' | 'postgres';

/** A Kysely instance plus the one fact queries may need about its engine. */
export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** Closes the pool or file. */
  close(): Promise<void>;
  /** Present when statements are counted per request (TSUBAME_COUNT_QUERIES=1, benchmarks). */
  queryCounter?: QueryCounter;
  /** SQLite: the worker that checkpoints the WAL off the event loop. */
  walCheckpointer?: WalCheckpointer;
}

/** Thrown by insert helpers when a unique constraint rejects a row. */
export class UniqueViolation extends Error {}

/** True when a driver error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  // SQLite: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL: 23505.
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

/** Encodes a value for a JSON text column. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Decodes a JSON text column, falling back when the stored text is empty. */
export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  return JSON.parse(text) as T;
}
