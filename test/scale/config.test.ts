import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

test('ROLE is both by default, web or worker when asked, and anything else stops start-up', () => {
  assert.equal(loadConfig({}).role, 'both');
  assert.equal(loadConfig({ ROLE: 'web' }).role, 'web');
  assert.equal(loadConfig({ ROLE: 'worker' }).role, 'worker');
  assert.throws(() => loadConfig({ ROLE: 'api' }), (err: unknown) => err instanceof ConfigError && /ROLE must be one of web, worker, both/.test(err.message));
});

test('JOB_LEASE_MS defaults to 30 s and refuses values that are not whole milliseconds ≥ 100', () => {
  assert.equal(loadConfig({}).jobLeaseMs, 30_000);
  assert.equal(loadConfig({ JOB_LEASE_MS: '2000' }).jobLeaseMs, 2000);
  for (const bad of ['0', '50', '1.5', 'soon']) assert.throws(() => loadConfig({ JOB_LEASE_MS: bad }), ConfigError);
});

test('TRUST_PROXY is off by default and takes true/false or proxy addresses', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'TRUE' }).trustProxy, true);
  assert.equal(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy, '127.0.0.1,10.0.0.0/8');
});
