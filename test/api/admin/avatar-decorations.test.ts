import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';

const NO_SUCH = ['NO_SUCH_AVATAR_DECORATION', 'c9a9b8a1-6b7e-4c1f-9a55-2f0d8c3e7b14'] as const;
const INVALID = ['INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532'] as const;

describe('admin/avatar-decorations/* and get-avatar-decorations', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
  });
  after(() => server.close());

  test('create, list, update and delete', async () => {
    const api = server.api(admin.token);
    const created = await api.request('admin/avatar-decorations/create', { name: 'Halo', description: 'A ring', url: 'https://example.com/halo.png' });
    assert.equal(created.name, 'Halo');
    assert.equal(created.updatedAt, null);
    assert.deepEqual(created.roleIdsThatCanBeUsedThisDecoration, []);
    assert.equal(created.category, null);
    const second = await api.request('admin/avatar-decorations/create', { name: 'Cap', description: '', url: 'https://example.com/cap.png', category: 'hats' });
    assert.deepEqual((await api.request('admin/avatar-decorations/list', {})).map((d) => d.id), [created.id, second.id]);

    await api.request('admin/avatar-decorations/update', { id: created.id, name: 'Halo 2', url: 'https://example.com/halo2.png' });
    const [updated] = await api.request('admin/avatar-decorations/list', {});
    assert.equal(updated!.name, 'Halo 2');
    assert.equal(updated!.description, 'A ring');
    assert.equal(updated!.url, 'https://example.com/halo2.png');
    assert.ok(updated!.updatedAt !== null);

    const offered = await server.api().request('get-avatar-decorations', {});
    assert.deepEqual(offered.map((d) => d.name), ['Halo 2', 'Cap']);
    assert.deepEqual(offered[1], { id: second.id, name: 'Cap', description: '', url: 'https://example.com/cap.png', roleIdsThatCanBeUsedThisDecoration: [], category: 'hats' });

    await api.request('admin/avatar-decorations/delete', { id: second.id });
    assert.deepEqual((await server.api().request('get-avatar-decorations', {})).map((d) => d.id), [created.id]);
    await api.request('admin/avatar-decorations/delete', { id: created.id });
  });

  test('unknown ids are refused', async () => {
    assertError(await server.post('admin/avatar-decorations/update', { i: admin.token, id: 'a0000000000', name: 'x' }), 400, ...NO_SUCH);
    assertError(await server.post('admin/avatar-decorations/delete', { i: admin.token, id: 'a0000000000' }), 400, ...NO_SUCH);
  });

  test('the canManageAvatarDecorations policy and token permissions gate the admin endpoints', async () => {
    assertError(await server.post('admin/avatar-decorations/list', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    assertError(await server.post('admin/avatar-decorations/list', { i: alice.token }), 403, 'ROLE_PERMISSION_DENIED', '7f86f06f-7e15-4057-8561-f4b6d4ac755a');
    assertError(
      await server.post('admin/avatar-decorations/create', { i: alice.token, name: 'x', description: '', url: 'https://example.com/x.png' }),
      403,
      'ROLE_PERMISSION_DENIED',
      '7f86f06f-7e15-4057-8561-f4b6d4ac755a',
    );
    const reader = await appToken(server, admin.token, ['read:admin:avatar-decorations']);
    assert.equal((await server.post('admin/avatar-decorations/list', { i: reader })).status, 200);
    assertError(await server.post('admin/avatar-decorations/delete', { i: reader, id: 'a0000000000' }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
    // A role policy granted to everyone lets a plain user manage decorations.
    await server.instance.svc.meta.update({ policies: { canManageAvatarDecorations: true } });
    try {
      assert.equal((await server.post('admin/avatar-decorations/list', { i: alice.token })).status, 200);
    } finally {
      await server.instance.svc.meta.update({ policies: {} });
    }
  });

  test('validation errors', async () => {
    assertError(await server.post('admin/avatar-decorations/create', { i: admin.token, name: '', description: '', url: 'https://example.com/x.png' }), 400, ...INVALID);
    assertError(await server.post('admin/avatar-decorations/create', { i: admin.token, name: 'x', url: 'https://example.com/x.png' }), 400, ...INVALID);
    assertError(await server.post('admin/avatar-decorations/update', { i: admin.token, name: 'x' }), 400, ...INVALID);
    assertError(await server.post('admin/avatar-decorations/delete', { i: admin.token }), 400, ...INVALID);
  });

  test('role ids are stored as given; get-avatar-decorations lists only ids of existing roles', async () => {
    const res = await ok(server, 'admin/avatar-decorations/create', admin.token, { name: 'n', description: 'd', url: 'https://example.com/n.png', roleIdsThatCanBeUsedThisDecoration: ['r1'] });
    assert.deepEqual(res.roleIdsThatCanBeUsedThisDecoration, ['r1']);
    // Misskey lists only role ids that name an existing role; there are no custom roles here.
    const offered = await server.api().request('get-avatar-decorations', {});
    assert.deepEqual(offered.find((d) => d.id === res.id)!.roleIdsThatCanBeUsedThisDecoration, []);
  });
});
