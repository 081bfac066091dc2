/** Loads one module found by name: an endpoint, job or migration file (see modules.ts). */
export type ModuleLoader = () => Promise<unknown>;

// Running from source these are undefined and modules.ts lists the directories. The production
// build (scripts/build.ts) replaces this file with one that imports every such module by name,
// because a bundle has no directories to list; each import() becomes a chunk loaded on first use.

/** api/endpoints/**: the endpoint's name (`notes/create`) → its module. */
export const bundledEndpoints: Readonly<Record<string, ModuleLoader>> | undefined = undefined;
/** jobs/*: the file's name (`upload-from-url`) → its module. */
export const bundledJobs: Readonly<Record<string, ModuleLoader>> | undefined = undefined;
/** infra/db/migrations/*: the migration's name (`0001-init`) → its module. */
export const bundledMigrations: Readonly<Record<string, ModuleLoader>> | undefined = undefined;
