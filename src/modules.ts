import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundledEndpoints, bundledJobs, bundledMigrations, type ModuleLoader } from './bundled-modules.js';

/**
 * The directories whose files the server finds by name, so that adding an endpoint, a job or a
 * migration is adding a file. A file's path below its directory, without extension, is its name.
 */
export const MODULE_DIRS = {
  endpoints: { dir: 'api/endpoints', skip: [] as string[] },
  jobs: { dir: 'jobs', skip: ['define-job'] },
  migrations: { dir: 'infra/db/migrations', skip: [] as string[] },
};

export type ModuleKind = keyof typeof MODULE_DIRS;

/** The files of one kind under `srcDir`: name → path relative to `srcDir`, sorted by name. */
export function listModuleFiles(srcDir: string, kind: ModuleKind): Map<string, string> {
  const { dir, skip } = MODULE_DIRS[kind];
  const files = readdirSync(path.join(srcDir, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => [f.replace(/\.(ts|js)$/, '').split(path.sep).join('/'), path.join(dir, f)] as const)
    .filter(([name]) => !skip.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files);
}

// One function per kind, each naming only its own bundled list, so a build that needs one kind
// (the migrate command) does not carry the others.

/** The endpoint modules by endpoint name (`notes/create`). */
export function endpointModules(): ReadonlyMap<string, ModuleLoader> {
  return bundledEndpoints ? new Map(Object.entries(bundledEndpoints)) : sourceModules('endpoints');
}

/** The job modules by file name (`upload-from-url`). */
export function jobModules(): ReadonlyMap<string, ModuleLoader> {
  return bundledJobs ? new Map(Object.entries(bundledJobs)) : sourceModules('jobs');
}

/** The migration modules by migration name (`0001-init`). */
export function migrationModules(): ReadonlyMap<string, ModuleLoader> {
  return bundledMigrations ? new Map(Object.entries(bundledMigrations)) : sourceModules('migrations');
}

/** Running from source: the files in src/, each imported when its loader is called. */
function sourceModules(kind: ModuleKind): ReadonlyMap<string, ModuleLoader> {
  const srcDir = path.dirname(fileURLToPath(import.meta.url));
  const files = listModuleFiles(srcDir, kind);
  return new Map([...files].map(([name, file]) => [name, () => import(pathToFileURL(path.join(srcDir, file)).href)]));
}
