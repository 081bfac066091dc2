import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

// The architecture is only as real as its import graph (DESIGN.md, CONVENTIONS.md §1).
const CONCRETE_INFRA = /infra\/(bus\/(memory|redis)-bus|kv\/(memory|redis)-kv|db\/(kysely|migrate)|queue\/(db|bullmq)-queue|files\/(local|s3)-[a-z-]+)\.js$/;

test('domain/ imports neither api/, streaming/, web/ nor concrete infrastructure', async () => {
  const offenders: string[] = [];
  for (const file of await sourceFiles(path.join(src, 'domain'))) {
    for (const spec of await importsOf(file)) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(src, path.resolve(path.dirname(file), spec));
      if (/^(api|streaming|web)\//.test(target) || CONCRETE_INFRA.test(target)) offenders.push(`${path.relative(src, file)} → ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('only the composition root and the CLI construct concrete infrastructure', async () => {
  const offenders: string[] = [];
  for (const file of await sourceFiles(src)) {
    const rel = path.relative(src, file);
    if (rel === 'main.ts' || rel.startsWith('cli/') || rel.startsWith('infra/')) continue;
    for (const spec of await importsOf(file)) if (CONCRETE_INFRA.test(spec)) offenders.push(`${rel} → ${spec}`);
  }
  assert.deepEqual(offenders, []);
});
