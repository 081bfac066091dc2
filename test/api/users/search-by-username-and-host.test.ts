import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { assertError } from '../../support/social.js';

describe('users/search-by-username-and-host', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    await server.createUser('alice');
    await server.createUser('alicia');
    await server.createUser('bob_1');
  });
  after(() => server.close());

  test('prefix match on the username, case-insensitive, local host', async () => {
    const found = await server.api().request('users/search-by-username-and-host', { username: 'ALI', host: null });
    assert.deepEqual(found.map((u) => u.username).sort(), ['alice', 'alicia']);
    assert.ok('followersCount' in found[0]!);
    const lite = await server.api().request('users/search-by-username-and-host', { username: 'ali', detail: false });
    assert.ok(!('followersCount' in lite[0]!));
  });

  test('LIKE wildcards in the query are literal', async () => {
    assert.deepEqual((await server.api().request('users/search-by-username-and-host', { username: 'bob_' })).map((u) => u.username), ['bob_1']);
    assert.deepEqual(await server.api().request('users/search-by-username-and-host', { username: '%' }), []);
    assert.deepEqual(await server.api().request('users/search-by-username-and-host', { username: 'a', host: 'remote.example' }), []);
  });

  test('invalid limit', async () => {
    assertError(await server.post('users/search-by-username-and-host', { username: 'a', limit: 0 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });
});
