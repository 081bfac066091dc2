import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, ok } from '../../support/social.js';
import { insertRemoteUser, setUser } from '../../support/users.js';

const DAY = 24 * 60 * 60 * 1000;

describe('users/search', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;
  let alicia: TestUser;
  let bob: TestUser;
  let remoteId: string;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
    alicia = await server.createUser('alicia');
    bob = await server.createUser('bob');
    const carol = await server.createUser('alice_suspended');
    const dave = await server.createUser('alice_inactive');
    await ok(server, 'i/update', alice.token, { name: 'Alice Liddell' });
    await ok(server, 'i/update', bob.token, { description: 'A friend of Alice' });
    // Most recently updated first: alicia, then alice, then the never-updated remote account.
    await setUser(server, alice.id, { updatedAt: Date.now() - 2 * DAY });
    await setUser(server, alicia.id, { updatedAt: Date.now() - DAY });
    await setUser(server, carol.id, { isSuspended: true });
    await setUser(server, dave.id, { updatedAt: Date.now() - 40 * DAY });
    remoteId = await insertRemoteUser(server, 'alice', 'remote.example');
  });
  after(() => server.close());

  const search = async (params: Record<string, unknown>, token?: string) => {
    const res = await server.post('users/search', { ...params, ...(token ? { i: token } : {}) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: string; username: string; host: string | null; followersCount?: number }[];
  };

  test('@prefix matches usernames by prefix, most recently updated first, without suspended or inactive users', async () => {
    const found = await server.api().request('users/search', { query: '@ALI' });
    assert.deepEqual(found.map((u) => u.id), [alicia.id, alice.id, remoteId]);
    assert.deepEqual(await server.api().request('users/search', { query: '@lice' }), []);
  });

  test('plain text matches display names and usernames, then fills the page with profile descriptions', async () => {
    assert.deepEqual((await search({ query: 'Liddell' })).map((u) => u.id), [alice.id]);
    assert.deepEqual((await search({ query: 'lic' })).map((u) => u.id), [alicia.id, alice.id, remoteId, bob.id]);
    // Text that cannot be a username is looked for in names and descriptions only.
    assert.deepEqual((await search({ query: 'friend of' })).map((u) => u.id), [bob.id]);
  });

  test('LIKE wildcards in the query are literal', async () => {
    assert.deepEqual(await search({ query: '%' }), []);
    assert.deepEqual(await search({ query: '@_' }), []);
  });

  test('origin selects local or remote accounts', async () => {
    assert.deepEqual((await search({ query: '@alice', origin: 'local' })).map((u) => u.id), [alice.id]);
    assert.deepEqual((await search({ query: '@alice', origin: 'remote' })).map((u) => u.id), [remoteId]);
  });

  test('limit and offset page through the results', async () => {
    const first = await search({ query: '@ali', limit: 2 });
    const second = await search({ query: '@ali', limit: 2, offset: 2 });
    assert.deepEqual([...first, ...second].map((u) => u.id), [alicia.id, alice.id, remoteId]);
  });

  test('detail: false answers UserLite; the default is UserDetailed with relation flags for the caller', async () => {
    const [lite] = await search({ query: 'Liddell', detail: false });
    assert.ok(lite && !('followersCount' in lite));
    const [detailed] = await search({ query: 'Liddell' }, bob.token);
    assert.equal(detailed!.followersCount, 0);
    assert.equal((detailed as unknown as { isFollowing: boolean }).isFollowing, false);
  });

  test('validation errors', async () => {
    assertError(await server.post('users/search', {}), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('users/search', { query: 'a', limit: 101 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('users/search', { query: 'a', origin: 'everywhere' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });

  test('the canSearchUsers policy gates the endpoint (administrators pass)', async () => {
    await server.instance.svc.meta.update({ policies: { canSearchUsers: false } });
    try {
      assertError(await server.post('users/search', { i: bob.token, query: 'a' }), 403, 'ROLE_PERMISSION_DENIED', '7f86f06f-7e15-4057-8561-f4b6d4ac755a');
      assert.equal((await server.post('users/search', { i: admin.token, query: 'a' })).status, 200);
    } finally {
      await server.instance.svc.meta.update({ policies: {} });
    }
  });
});
