import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadEndpoints } from '../../src/api/registry.js';
import { compileParams, createAjv } from '../../src/api/validation.js';

// misskey-js lists every endpoint Misskey has; we implement a subset and invent none.
async function misskeyEndpointNames(): Promise<Set<string>> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const file = path.join(root, 'node_modules/misskey-js/built/autogen/endpoint.d.ts');
  const text = await readFile(file, 'utf8');
  return new Set([...text.matchAll(/^\s{4}'([a-z0-9/_-]+)': \{$/gm)].map((m) => m[1]));
}

test('every registered endpoint is a Misskey endpoint named after its file', async () => {
  const known = await misskeyEndpointNames();
  assert.ok(known.size > 400, `misskey-js lists ${known.size} endpoints`);
  const endpoints = await loadEndpoints();
  const invented = endpoints.map((e) => e.name).filter((name) => !known.has(name));
  assert.deepEqual(invented, []);
  console.log(`conformance: ${endpoints.length} of ${known.size} misskey-js endpoints implemented`);
});

test('endpoints that require a credential declare a permission unless they are secure', async () => {
  const missing = (await loadEndpoints())
    .filter((e) => (e.credential === 'required' || e.role) && !e.secure && !e.permission)
    .map((e) => e.name);
  assert.deepEqual(missing, []);
});

test('the params schema of every endpoint is valid JSON Schema and compiles (the server does not check them)', async () => {
  const ajv = createAjv({ checkSchemas: true });
  for (const e of await loadEndpoints()) assert.doesNotThrow(() => compileParams(ajv, e.params), e.name);
});
