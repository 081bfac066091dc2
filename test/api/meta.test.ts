import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type * as Misskey from 'misskey-js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('instance information endpoints', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('meta returns MetaDetailed by default and MetaLite with detail: false', async () => {
    const api = server.api();
    const detailed = (await api.request('meta', {})) as Misskey.entities.MetaDetailed;
    assert.equal(detailed.uri, server.url);
    assert.equal(detailed.maxNoteTextLength, 3000);
    assert.equal(detailed.requireSetup, true);
    assert.equal(detailed.features?.miauth, true);
    assert.equal(detailed.policies.ltlAvailable, true);
    const lite = await api.request('meta', { detail: false });
    assert.equal('features' in lite, false);
    assert.equal(lite.name, detailed.name);
  });

  test('meta reports requireSetup false once the first account exists', async () => {
    await server.createUser('root');
    const detailed = (await server.api().request('meta', {})) as Misskey.entities.MetaDetailed;
    assert.equal(detailed.requireSetup, false);
  });

  test('meta answers a changed setting at once, in both variants (the answer is reused until then)', async () => {
    const api = server.api();
    const before = await api.request('meta', {});
    assert.deepEqual(await api.request('meta', {}), before, 'the same answer twice');
    await server.instance.svc.meta.update({ name: 'Renamed instance', policies: { ltlAvailable: false } });
    const detailed = (await api.request('meta', {})) as Misskey.entities.MetaDetailed;
    assert.equal(detailed.name, 'Renamed instance');
    assert.equal(detailed.policies.ltlAvailable, false);
    assert.equal(detailed.features?.localTimeline, false);
    const lite = await api.request('meta', { detail: false });
    assert.equal(lite.name, 'Renamed instance');
    assert.equal('features' in lite, false);
    await server.instance.svc.meta.update({ name: before.name, policies: {} });
    assert.deepEqual(await api.request('meta', {}), before);
  });

  test('ping answers the server time', async () => {
    const before = Date.now();
    const { pong } = await server.api().request('ping', {});
    assert.ok(pong >= before - 1000 && pong <= Date.now() + 1000);
  });

  test('endpoints lists what is implemented; endpoint describes params', async () => {
    const names = await server.api().request('endpoints', {});
    for (const name of ['meta', 'ping', 'i', 'admin/accounts/create', 'endpoints', 'endpoint', 'stats', 'server-info']) {
      assert.ok(names.includes(name), name);
    }
    const described = await server.api().request('endpoint', { endpoint: 'admin/accounts/create' });
    assert.deepEqual(described?.params.map((p) => p.name).sort(), ['password', 'setupPassword', 'username']);
    assert.equal(described?.params.find((p) => p.name === 'username')?.type, 'String');
  });

  test('stats counts users', async () => {
    const before = await server.api().request('stats', {});
    await server.createUser();
    const after = await server.api().request('stats', {});
    assert.equal(after.usersCount, before.usersCount + 1);
    assert.equal(after.originalUsersCount, before.originalUsersCount + 1);
    assert.equal(after.notesCount, 0);
  });

  test('server-info hides the machine unless enabled', async () => {
    const info = await server.api().request('server-info', {});
    assert.equal(info.cpu.cores, 0);
    await server.instance.svc.meta.update({ enableServerMachineStats: true });
    const real = await server.api().request('server-info', {});
    assert.ok(real.cpu.cores > 0);
    assert.ok(real.mem.total > 0);
  });

  test('/api.json documents every endpoint with params, result, errors and permission', async () => {
    const res = await fetch(`${server.url}/api.json`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(doc.openapi, '3.1.0');
    const names = await server.api().request('endpoints', {});
    for (const name of names) assert.ok(doc.paths[`/${name}`]?.post, name);
    const i = doc.paths['/i'].post;
    assert.equal(i.operationId, 'post___i');
    assert.match(i.description, /\*\*Credential required\*\*: \*Yes\* \/ \*\*Permission\*\*: \*read:account\*/);
    assert.deepEqual(i.security, [{ bearerAuth: [] }]);
    const create = doc.paths['/admin/accounts/create'].post;
    assert.deepEqual(create.requestBody.content['application/json'].schema.required, ['username', 'password']);
    assert.equal(create.responses['400'].content['application/json'].examples.wrongInitialPassword.value.error.code, 'INCORRECT_INITIAL_PASSWORD');
    assert.ok(doc.paths['/server-info'].get, 'allowGet endpoints have a GET operation');
    assert.ok(doc.components.schemas.MeDetailed);
  });

  test('/api-doc renders the document with assets served locally', async () => {
    const page = await fetch(`${server.url}/api-doc`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<script src="\/api-doc\/assets\/swagger-ui-bundle\.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//, 'no external asset');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']) {
      const res = await fetch(`${server.url}/api-doc/assets/${asset}`);
      assert.equal(res.status, 200, asset);
      assert.ok((await res.text()).length > 10);
    }
    assert.equal((await fetch(`${server.url}/api-doc/assets/..%2Fpackage.json`)).status, 404);
  });
});
