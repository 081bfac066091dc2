import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../infra/db/kysely.js';
import { migrateToLatest } from '../infra/db/migrate.js';

// `npm run migrate`: applies pending migrations to the configured database and exits.
const config = loadConfig();
const database = openDatabase(
  config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: path.join(config.dataDir, 'tsubame.sqlite') },
);
await migrateToLatest(database.db);
await database.close();
console.log('tsubame: database is up to date');
