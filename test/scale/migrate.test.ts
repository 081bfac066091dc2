import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Kysely, Migration } from 'kysely';
import { migrateToLatest } from '../../src/infra/db/migrate.js';
import { migrationModules } from '../../src/modules.js';
import { backends, migrated, scratchDatabase } from './support.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `npm run migrate`'s program from source with the given env; resolves with its exit code and output. */
function migrateProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const targets: [string, string | undefined, string | false][] = [
  ['SQLite', undefined, false],
  ['PostgreSQL', backends.postgres, backends.postgres ? false : 'skipped: no TEST_DATABASE_URL'],
];

for (const [name, adminUrl, skip] of targets) {
  describe(`migrations on ${name}`, { skip }, () => {
    test('several processes starting at once: one migrates, the others wait, all succeed', async () => {
      const scratch = await scratchDatabase(adminUrl);
      try {
        const env: Record<string, string> = scratch.target.kind === 'postgres'
          ? { DATABASE_URL: scratch.target.url }
          : { DATA_DIR: path.dirname(scratch.target.file) };
        const runs = await Promise.all([1, 2, 3].map(() => migrateProcess(env)));
        for (const run of runs) assert.equal(run.code, 0, run.output);

        const database = scratch.open();
        try {
          const applied = await database.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
          const names = applied.map((r) => (r as { name: string }).name);
          assert.ok(names.includes('0500-queue'));
          assert.equal(new Set(names).size, names.length, 'each migration is recorded once');
        } finally {
          await database.close();
        }
      } finally {
        await scratch.drop();
      }
    });

    test('a start on an up-to-date database changes nothing; a missing migration is applied; an unknown applied one is refused', async () => {
      const scratch = await scratchDatabase(adminUrl);
      const database = await migrated(scratch);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const db = database.db as Kysely<any>;
      const applied = async () => (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name as string);
      try {
        const all = await applied();
        assert.deepEqual(all, [...migrationModules().keys()].sort());
        await migrateToLatest(db);
        assert.deepEqual(await applied(), all);

        // The last migration undone and forgotten, as if this code had just added it.
        const [last, load] = [...migrationModules()].at(-1)!;
        await ((await load()) as Migration).down!(db);
        await db.deleteFrom('kysely_migration').where('name', '=', last).execute();
        await migrateToLatest(db);
        assert.deepEqual(await applied(), all);

        // A database migrated by newer code than this one.
        await db.insertInto('kysely_migration').values({ name: '9999-from-the-future', timestamp: new Date().toISOString() }).execute();
        await assert.rejects(migrateToLatest(db), /9999-from-the-future/);
      } finally {
        await database.close();
        await scratch.drop();
      }
    });
  });
}
