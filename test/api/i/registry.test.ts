import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';
import { RawClient, streamingUrl } from '../../streaming/helpers.js';

const INVALID_PARAM = '3d81ceae-475f-4600-b2a8-2bc116157532';
const ACCESS_DENIED = '56f35758-7dd5-468b-8439-5d6fb8ec9b8e';
const GET_NO_SUCH_KEY = 'ac3ed68a-62f0-422b-a7bc-d5e09e8f6a6a';
const DETAIL_NO_SUCH_KEY = '97a1e8e7-c0f7-47d2-957a-92e61256e01a';

describe('i/registry/*', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  test('set stores any JSON value per scope and key; get, get-detail, get-all, keys and keys-with-type read it back', async () => {
    const scope = ['client', 'base'];
    const values: Record<string, unknown> = { theme: 'dark', size: 14, on: true, list: [1, 'two'], obj: { a: { b: null } }, nothing: null };
    for (const [key, value] of Object.entries(values)) await ok(server, 'i/registry/set', alice.token, { scope, key, value });
    await ok(server, 'i/registry/set', alice.token, { scope: ['client'], key: 'theme', value: 'light' });
    await ok(server, 'i/registry/set', alice.token, { key: 'rootKey', value: 1 });

    assert.equal(await ok(server, 'i/registry/get', alice.token, { scope, key: 'theme' }), 'dark');
    assert.deepEqual(await ok(server, 'i/registry/get', alice.token, { scope, key: 'obj' }), { a: { b: null } });
    assert.equal(await ok(server, 'i/registry/get', alice.token, { scope: ['client'], key: 'theme' }), 'light');
    // The scope defaults to the root.
    assert.equal(await ok(server, 'i/registry/get', alice.token, { key: 'rootKey' }), 1);
    // A null value answers 204, as Misskey.
    assert.equal((await server.post('i/registry/get', { i: alice.token, scope, key: 'nothing' })).status, 204);

    const detail = await ok(server, 'i/registry/get-detail', alice.token, { scope, key: 'size' });
    assert.equal(detail.value, 14);
    assert.ok(!Number.isNaN(Date.parse(detail.updatedAt)));

    assert.deepEqual(await ok(server, 'i/registry/get-all', alice.token, { scope }), values);
    assert.deepEqual((await ok(server, 'i/registry/keys', alice.token, { scope })).sort(), Object.keys(values).sort());
    assert.deepEqual(await ok(server, 'i/registry/keys-with-type', alice.token, { scope }), {
      theme: 'string', size: 'number', on: 'boolean', list: 'array', obj: 'object', nothing: 'null',
    });
    // Another user sees none of it.
    assert.deepEqual(await ok(server, 'i/registry/get-all', bob.token, { scope }), {});
  });

  test('set replaces a value and moves updatedAt; remove deletes it and a missing key is not an error', async () => {
    await ok(server, 'i/registry/set', alice.token, { scope: ['r'], key: 'k', value: 'one' });
    const first = await ok(server, 'i/registry/get-detail', alice.token, { scope: ['r'], key: 'k' });
    await ok(server, 'i/registry/set', alice.token, { scope: ['r'], key: 'k', value: ['two'] });
    const second = await ok(server, 'i/registry/get-detail', alice.token, { scope: ['r'], key: 'k' });
    assert.deepEqual(second.value, ['two']);
    assert.ok(Date.parse(second.updatedAt) >= Date.parse(first.updatedAt));
    assert.deepEqual(await ok(server, 'i/registry/keys', alice.token, { scope: ['r'] }), ['k']);

    assert.equal((await server.post('i/registry/remove', { i: alice.token, scope: ['r'], key: 'k' })).status, 204);
    assertError(await server.post('i/registry/get', { i: alice.token, scope: ['r'], key: 'k' }), 400, 'NO_SUCH_KEY', GET_NO_SUCH_KEY);
    assertError(await server.post('i/registry/get-detail', { i: alice.token, scope: ['r'], key: 'k' }), 400, 'NO_SUCH_KEY', DETAIL_NO_SUCH_KEY);
    assert.equal((await server.post('i/registry/remove', { i: alice.token, scope: ['r'], key: 'k' })).status, 204);
  });

  test('bad params are INVALID_PARAM; no credential is CREDENTIAL_REQUIRED', async () => {
    assertError(await server.post('i/registry/set', { i: alice.token, scope: ['a.b'], key: 'k', value: 1 }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assertError(await server.post('i/registry/set', { i: alice.token, key: '', value: 1 }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assertError(await server.post('i/registry/set', { i: alice.token, key: 'k' }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assertError(await server.post('i/registry/get', { i: alice.token, scope: 'client', key: 'k' }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assertError(await server.post('i/registry/get', { i: alice.token }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assertError(await server.post('i/registry/keys', { i: alice.token, domain: 5 }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assert.equal((await server.post('i/registry/get-all', { scope: [] })).body.error.code, 'CREDENTIAL_REQUIRED');
  });

  test("an app's items live in its own domain; the native token reads them by domain and lists every scope", async () => {
    const app = await appToken(server, alice.token, ['read:account', 'write:account']);
    const readOnly = await appToken(server, alice.token, ['read:account']);
    await ok(server, 'i/registry/set', app, { scope: ['app'], key: 'k', value: 'from app', domain: null });
    await ok(server, 'i/registry/set', alice.token, { scope: ['app'], key: 'k', value: 'native' });

    assert.equal(await ok(server, 'i/registry/get', app, { scope: ['app'], key: 'k' }), 'from app');
    // An app cannot step into the native domain by naming it.
    assert.equal(await ok(server, 'i/registry/get', app, { scope: ['app'], key: 'k', domain: null }), 'from app');
    assert.equal(await ok(server, 'i/registry/get', alice.token, { scope: ['app'], key: 'k' }), 'native');
    assertError(await server.post('i/registry/get', { i: readOnly, scope: ['app'], key: 'k' }), 400, 'NO_SUCH_KEY', GET_NO_SUCH_KEY);
    assert.equal((await server.post('i/registry/set', { i: readOnly, key: 'k', value: 1 })).body.error.code, 'PERMISSION_DENIED');

    const scopes = (await ok(server, 'i/registry/scopes-with-domain', alice.token)) as { domain: string | null; scopes: string[][] }[];
    const native = scopes.find((s) => s.domain === null);
    assert.ok(native?.scopes.some((s) => s.join('.') === 'app'));
    const appDomain = scopes.find((s) => s.domain !== null);
    assert.deepEqual(appDomain?.scopes, [['app']]);
    assert.equal(await ok(server, 'i/registry/get', alice.token, { scope: ['app'], key: 'k', domain: appDomain!.domain }), 'from app');
    // scopes-with-domain is for the native token only.
    assertError(await server.post('i/registry/scopes-with-domain', { i: app }), 400, 'ACCESS_DENIED', ACCESS_DENIED);
  });

  test('main stream: registryUpdated for native-domain sets only', async () => {
    const client = await RawClient.open(streamingUrl(server, bob.token));
    const main = await client.connect('main');
    await ok(server, 'i/registry/set', bob.token, { scope: ['client', 'base'], key: 'lang', value: { code: 'ja' } });
    assert.deepEqual(await client.channelEvent(main, 'registryUpdated'), { scope: ['client', 'base'], key: 'lang', value: { code: 'ja' } });

    const app = await appToken(server, bob.token, ['write:account']);
    await ok(server, 'i/registry/set', app, { key: 'private', value: 1 });
    await ok(server, 'i/registry/set', bob.token, { key: 'after', value: 2 });
    await client.channelEvent(main, 'registryUpdated', (b) => b.key === 'after');
    assert.equal(client.received.some((m) => m.body?.body?.key === 'private'), false);
    await client.close();
  });
});
