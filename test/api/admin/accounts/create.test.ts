import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../../support/server.js';

describe('admin/accounts/create', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ SETUP_PASSWORD: 'let-me-in' });
  });
  after(() => server.close());

  test('the first account needs the setup password when one is configured', async () => {
    const wrong = await server.post('admin/accounts/create', { username: 'root', password: 'pw', setupPassword: 'nope' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'INCORRECT_INITIAL_PASSWORD');
    assert.equal(wrong.body.error.id, '97147c55-1ae1-4f6f-91d6-e1c3e0e76d62');
    const stats = await server.api().request('stats', {});
    assert.equal(stats.usersCount, 0, 'nothing was created');
  });

  let rootToken = '';
  test('creates the first account as administrator without credentials and returns its token', async () => {
    const res = await server.post('admin/accounts/create', { username: 'root', password: 'pw', setupPassword: 'let-me-in' });
    assert.equal(res.status, 200);
    assert.equal(res.body.username, 'root');
    assert.equal(res.body.isAdmin, true);
    assert.equal(typeof res.body.token, 'string');
    assert.equal(res.body.token.length, 16);
    rootToken = res.body.token;
    const me = await server.api(rootToken).request('i', {});
    assert.equal(me.id, res.body.id);
  });

  test('afterwards anonymous callers are refused', async () => {
    const res = await server.post('admin/accounts/create', { username: 'intruder', password: 'pw', setupPassword: 'let-me-in' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'ACCESS_DENIED');
    assert.equal(res.body.error.id, '1fb7cb09-d46a-4fff-b8df-057708cce513');
  });

  test('an administrator creates accounts; they are not administrators', async () => {
    const user = await server.api(rootToken).request('admin/accounts/create', { username: 'bob', password: 'pw' });
    assert.equal(user.isAdmin, false);
    const refused = await server.post('admin/accounts/create', { i: user.token, username: 'carol', password: 'pw' });
    assert.equal(refused.body.error.code, 'ACCESS_DENIED');
  });

  test('bad usernames and passwords are INVALID_PARAM; taken names are refused; nothing is lost', async () => {
    for (const username of ['', 'has space', 'a'.repeat(21), 'dash-name']) {
      const res = await server.post('admin/accounts/create', { i: rootToken, username, password: 'pw' });
      assert.equal(res.status, 400, username);
      assert.equal(res.body.error.code, 'INVALID_PARAM');
    }
    const empty = await server.post('admin/accounts/create', { i: rootToken, username: 'dave', password: '' });
    assert.equal(empty.body.error.code, 'INVALID_PARAM');
    const taken = await server.post('admin/accounts/create', { i: rootToken, username: 'BOB', password: 'pw' });
    assert.equal(taken.status, 400);
    assert.equal(taken.body.error.code, 'DUPLICATED_USERNAME');
    const stats = await server.api().request('stats', {});
    assert.equal(stats.usersCount, 2);
  });
});
