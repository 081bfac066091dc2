import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, ok } from '../../support/social.js';
import { insertRemoteUser } from '../../support/users.js';

const INVALID = ['INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532'] as const;
const NO_SUCH_USER = ['NO_SUCH_USER', 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5'] as const;

describe('i/update: avatarDecorations, pinnedPageId, alsoKnownAs', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let halo: { id: string; url: string };
  let cap: { id: string; url: string };

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    halo = await ok(server, 'admin/avatar-decorations/create', admin.token, { name: 'Halo', description: '', url: 'https://example.com/halo.png' });
    cap = await ok(server, 'admin/avatar-decorations/create', admin.token, { name: 'Cap', description: '', url: 'https://example.com/cap.png' });
  });
  after(() => server.close());

  test('a chosen decoration shows on UserLite and UserDetailed, zero placements left out', async () => {
    const me = await server.api(alice.token).request('i/update', { avatarDecorations: [{ id: halo.id, angle: 0.25, flipH: true }] });
    assert.deepEqual(me.avatarDecorations, [{ id: halo.id, url: halo.url, angle: 0.25, flipH: true }]);
    const shown = await server.api(bob.token).request('users/show', { userId: alice.id });
    assert.deepEqual(shown.avatarDecorations, [{ id: halo.id, url: halo.url, angle: 0.25, flipH: true }]);
    const [lite] = await server.api().request('users/search', { query: '@alice', detail: false });
    assert.deepEqual(lite!.avatarDecorations, [{ id: halo.id, url: halo.url, angle: 0.25, flipH: true }]);
  });

  test('unknown decorations are dropped; a changed decoration URL and a deleted decoration show at once', async () => {
    const unknown = await server.api(alice.token).request('i/update', { avatarDecorations: [{ id: 'a0000000000' }] });
    assert.deepEqual(unknown.avatarDecorations, []);
    await ok(server, 'i/update', alice.token, { avatarDecorations: [{ id: cap.id, offsetX: 0.1 }] });
    const before = await server.api().request('users/show', { userId: alice.id });
    assert.deepEqual(before.avatarDecorations, [{ id: cap.id, url: cap.url, offsetX: 0.1 }]);
    await ok(server, 'admin/avatar-decorations/update', admin.token, { id: cap.id, url: 'https://example.com/cap2.png' });
    assert.equal((await server.api().request('users/show', { userId: alice.id })).avatarDecorations[0]!.url, 'https://example.com/cap2.png');
    await ok(server, 'admin/avatar-decorations/delete', admin.token, { id: cap.id });
    assert.deepEqual((await server.api().request('users/show', { userId: alice.id })).avatarDecorations, []);
    await ok(server, 'i/update', alice.token, { avatarDecorations: [] });
  });

  test('more decorations than the avatarDecorationLimit policy allows are refused, and nothing else changes', async () => {
    const res = await server.post('i/update', { i: alice.token, name: 'Not applied', avatarDecorations: [{ id: halo.id }, { id: halo.id, angle: 0.1 }] });
    assertError(res, 400, 'RESTRICTED_BY_ROLE', '8feff0ba-5ab5-585b-31f4-4df816663fad');
    assert.notEqual((await server.api(alice.token).request('i', {})).name, 'Not applied');
    await server.instance.svc.meta.update({ policies: { avatarDecorationLimit: 2 } });
    try {
      const me = await server.api(alice.token).request('i/update', { avatarDecorations: [{ id: halo.id }, { id: halo.id, offsetY: -0.2 }] });
      assert.deepEqual(me.avatarDecorations, [{ id: halo.id, url: halo.url }, { id: halo.id, url: halo.url, offsetY: -0.2 }]);
    } finally {
      await server.instance.svc.meta.update({ policies: {} });
    }
  });

  test('placement values outside Misskey’s ranges are invalid', async () => {
    assertError(await server.post('i/update', { i: alice.token, avatarDecorations: [{ id: halo.id, angle: 0.6 }] }), 400, ...INVALID);
    assertError(await server.post('i/update', { i: alice.token, avatarDecorations: [{ id: halo.id, offsetX: -0.3 }] }), 400, ...INVALID);
    assertError(await server.post('i/update', { i: alice.token, avatarDecorations: [{ angle: 0 }] }), 400, ...INVALID);
  });

  test('pinnedPageId: null unpins; any page id is unknown (there are no pages)', async () => {
    const me = await server.api(alice.token).request('i/update', { pinnedPageId: null });
    assert.equal(me.pinnedPageId, null);
    assertError(await server.post('i/update', { i: alice.token, pinnedPageId: 'a0000000000' }), 400, 'NO_SUCH_PAGE', '8e01b590-7eb9-431b-a239-860e086c408e');
  });

  test('alsoKnownAs stores the URIs of local accounts; an empty list clears it', async () => {
    const host = new URL(server.url).host;
    const me = await server.api(alice.token).request('i/update', { alsoKnownAs: ['@bob', `bob@${host}`, 'admin'] });
    assert.deepEqual(me.alsoKnownAs, [`${server.url}/users/${bob.id}`, `${server.url}/users/${admin.id}`]);
    assert.deepEqual((await server.api(bob.token).request('users/show', { userId: alice.id })).alsoKnownAs, me.alsoKnownAs);
    assert.equal((await server.api(alice.token).request('i/update', { alsoKnownAs: [] })).alsoKnownAs, null);
  });

  test('alsoKnownAs: unknown, empty, remote and own accounts are refused', async () => {
    await insertRemoteUser(server, 'carol', 'remote.example');
    assertError(await server.post('i/update', { i: alice.token, alsoKnownAs: ['nobody'] }), 400, ...NO_SUCH_USER);
    assertError(await server.post('i/update', { i: alice.token, alsoKnownAs: [''] }), 400, ...NO_SUCH_USER);
    // Remote accounts cannot be resolved without federation.
    assertError(await server.post('i/update', { i: alice.token, alsoKnownAs: ['@carol@remote.example'] }), 400, ...NO_SUCH_USER);
    assertError(await server.post('i/update', { i: alice.token, alsoKnownAs: ['@alice'] }), 400, 'FORBIDDEN_TO_SET_YOURSELF', '25c90186-4ab0-49c8-9bba-a1fa6c202ba4');
    assertError(await server.post('i/update', { i: alice.token, alsoKnownAs: ['bob', 'bob'] }), 400, ...INVALID);
    assertError(await server.post('i/update', { i: alice.token, alsoKnownAs: Array.from({ length: 11 }, (_, n) => `u${n}`) }), 400, ...INVALID);
  });
});
