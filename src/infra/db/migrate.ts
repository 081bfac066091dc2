import SqliteDatabase from 'better-sqlite3';
import { Migrator, SqliteAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrationModules } from '../../modules.js';

/**
 * Applies every pending migration in migrations/ (in file-name order). Safe with several
 * processes starting at once: one migrates while the others wait, then finds nothing to do.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (await allApplied(db, sqlite)) return;
  // PostgreSQL: Kysely's migration lock (an advisory lock in the migration transaction) serialises
  // processes. SQLite: Kysely takes no lock and runs DDL outside a transaction, so two processes on
  // one file would both create the same tables; a lock file held by one of them makes the others wait.
  const file = sqlite ? await sqliteFile(db) : undefined;
  if (!file) return runMigrations(db);
  const lock = new SqliteDatabase(`${file}.migrate-lock`);
  try {
    lock.pragma('busy_timeout = 300000');
    // The write lock is the OS's file lock: a process that dies while migrating releases it.
    lock.exec('BEGIN IMMEDIATE');
    await runMigrations(db);
  } finally {
    if (lock.inTransaction) lock.exec('COMMIT');
    lock.close();
  }
}

/**
 * Whether the applied migrations are exactly the known ones: the usual start, which then loads no
 * migration, takes no lock and skips Kysely's checks (~25 ms of a ~500 ms start). Anything else
 * (a new database, a pending migration, an applied one this code lacks) goes to the Migrator.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function allApplied(db: Kysely<any>, sqlite: boolean): Promise<boolean> {
  const exists = sqlite
    ? sql<{ found: number }>`SELECT count(*) AS found FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`
    : sql<{ found: number }>`SELECT count(*)::int AS found FROM pg_tables WHERE tablename = 'kysely_migration' AND schemaname = current_schema()`;
  if (Number((await exists.execute(db)).rows[0]?.found) === 0) return false;
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const known = migrationModules();
  return rows.length === known.size && rows.every((r) => known.has(r.name));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sqliteFile(db: Kysely<any>): Promise<string | undefined> {
  const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  return rows.find((r) => r.name === 'main')?.file || undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function runMigrations(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    // Areas number their migrations in their own ranges, so a later file may sort before an applied one.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

/** The files in migrations/ (listed from source, or the bundle's list), each exporting `up` and `down`. */
const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, load] of migrationModules()) migrations[name] = (await load()) as Migration;
    return migrations;
  },
};
