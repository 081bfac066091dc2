import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';

describe('X-Query-Count (TSUBAME_COUNT_QUERIES, for benchmarks)', () => {
  let counting: TestServer;
  let plain: TestServer;
  let user: TestUser;

  before(async () => {
    [counting, plain] = await Promise.all([startTestServer({ TSUBAME_COUNT_QUERIES: '1' }), startTestServer()]);
    user = await counting.createUser();
  });
  after(async () => {
    await Promise.all([counting?.close(), plain?.close()]);
  });

  it('reports zero statements for ping', async () => {
    const res = await counting.post('ping');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-query-count'), '0');
  });

  it('counts the statements of an authenticated call', async () => {
    const res = await counting.post('i', { i: user.token });
    assert.equal(res.status, 200);
    const count = Number(res.headers.get('x-query-count'));
    assert.ok(Number.isInteger(count) && count >= 1, `expected at least the token lookup, got ${count}`);
  });

  it('counts the statements of a failing call too', async () => {
    const res = await counting.post('i', { i: 'x'.repeat(16) });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'AUTHENTICATION_FAILED');
    assert.ok(Number(res.headers.get('x-query-count')) >= 1);
  });

  it('is absent unless enabled', async () => {
    const res = await plain.post('ping');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-query-count'), null);
  });
});
