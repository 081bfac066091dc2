/**
 * The production build (`npm run build`, run by `npm start`): esbuild bundles src/ and its
 * pure-JavaScript dependencies into dist/main.js and dist/cli/migrate.js, plus one chunk per
 * endpoint, job and migration, loaded when first needed. Node then loads a few files at start
 * instead of ~1,000 modules, which was most of the start-up time (bench/README.md §9.1). Native
 * and optional dependencies stay in node_modules, so dist/ runs where it was built. Type checking
 * is `npm run typecheck`.
 *
 *   node --import tsx scripts/build.ts [outDir=dist]
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { listModuleFiles, type ModuleKind } from '../src/modules.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');

/**
 * Dependencies bundled into dist: plain JavaScript that every start loads. One file instead of
 * their ~1,000 modules (Kysely's and TypeBox's ~550 alone) loads in about a third of the CPU time.
 * Every other dependency stays in node_modules: native modules (better-sqlite3, argon2, sharp)
 * must, and those imported only when configured or first used (pg, ioredis, BullMQ, the AWS SDK,
 * file-type, swagger-ui-dist) cost nothing at start. Fastify brings pino along: its transports,
 * which run files of their own in worker threads, would not work from the bundle (none are used).
 */
const BUNDLED = ['kysely', '@sinclair/typebox', 'fastify', '@fastify/cookie', '@fastify/cors', '@fastify/formbody', '@fastify/multipart', 'ajv', 'ajv-formats', 'ws', 'mfm-js', 'bcryptjs', 'blurhash'];

/** The dependencies left in node_modules: every one not bundled, so a new dependency is external until listed above. */
function externalPackages(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.keys(pkg.dependencies)
    .filter((name) => !BUNDLED.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
}

/** Builds the server into `outDir` (replaced). */
export async function build(outDir: string = path.join(root, 'dist')): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { main: path.join(srcDir, 'main.ts'), 'cli/migrate': path.join(srcDir, 'cli', 'migrate.ts') },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externalPackages(),
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    // Bundled CommonJS dependencies call require() for Node's modules.
    banner: { js: `import { createRequire as __tsubameCreateRequire } from 'node:module'; const require = __tsubameCreateRequire(import.meta.url);` },
    plugins: [bundledModulesPlugin],
    logLevel: 'warning',
  });
}

/**
 * Replaces src/bundled-modules.ts with the lists of endpoint, job and migration modules, each an
 * `import()` of its file, since the bundle has no src/ directories to list at run time.
 */
const bundledModulesPlugin: esbuild.Plugin = {
  name: 'bundled-modules',
  setup(b) {
    const file = path.join(srcDir, 'bundled-modules.ts');
    b.onLoad({ filter: /[\\/]bundled-modules\.ts$/ }, (args) => {
      if (args.path !== file) return undefined;
      const list = (kind: ModuleKind) =>
        `{\n${[...listModuleFiles(srcDir, kind)].map(([name, f]) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(`./${f.split(path.sep).join('/')}`)}),`).join('\n')}\n}`;
      const contents = [
        `export const bundledEndpoints = ${list('endpoints')};`,
        `export const bundledJobs = ${list('jobs')};`,
        `export const bundledMigrations = ${list('migrations')};`,
      ].join('\n');
      return { contents, loader: 'js', resolveDir: srcDir };
    });
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
  const t0 = Date.now();
  await build(outDir);
  console.log(`tsubame: built ${path.relative(process.cwd(), outDir) || '.'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
