import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, png, uploadOk } from './helpers.js';

const ids = {
  createNoSuchFolder: '53326628-a00d-40a6-a3cd-8975105c0f95',
  showNoSuchFolder: 'd74ab9eb-bb09-4bba-bf24-fb58f761e1e9',
  updateNoSuchFolder: 'f7974dac-2c0d-4a27-926e-23583b28e98e',
  updateNoSuchParent: 'ce104e3a-faaf-49d5-b459-10ff0cbbcaa1',
  recursiveNesting: 'dbeb024837894013aed44279f9199740',
  deleteNoSuchFolder: '1069098f-c281-440f-b085-f9932edbe091',
  hasChildren: 'b0fc8a17-963c-405d-bfbc-859a487295e1',
  credentialRequired: '1384574d-a912-4b81-8601-c7b1c4085df1',
};

describe('drive folders', () => {
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

  test('create, list, find and show (with counts and parents)', async () => {
    const api = server.api(alice.token);
    const root = await api.request('drive/folders/create', {});
    assert.equal(root.name, 'Untitled');
    assert.equal(root.parentId, null);
    const child = await api.request('drive/folders/create', { name: 'child', parentId: root.id });
    assert.equal(child.parentId, root.id);
    await uploadOk(server, alice.token, await png(3, 3), 'in.png', { folderId: child.id });

    assert.deepEqual((await api.request('drive/folders', {})).map((f) => f.id), [root.id]);
    assert.deepEqual((await api.request('drive/folders', { folderId: root.id })).map((f) => f.id), [child.id]);
    assert.deepEqual((await api.request('drive/folders/find', { name: 'child', parentId: root.id })).map((f) => f.id), [child.id]);
    assert.deepEqual(await api.request('drive/folders/find', { name: 'child' }), []);

    const shown = await api.request('drive/folders/show', { folderId: child.id });
    assert.equal(shown.filesCount, 1);
    assert.equal(shown.foldersCount, 0);
    assert.equal(shown.parent?.id, root.id);
    assert.equal(shown.parent?.foldersCount, 1);
    assert.deepEqual(await server.api(bob.token).request('drive/folders', {}), []);
  });

  test('create and show errors', async () => {
    assertError(await server.post('drive/folders/create', { i: alice.token, parentId: 'nosuchfolder' }), 400, 'NO_SUCH_FOLDER', ids.createNoSuchFolder);
    assert.equal((await server.post('drive/folders/create', { i: alice.token, name: 'x'.repeat(201) })).status, 400);
    assertError(await server.post('drive/folders/create', { name: 'x' }), 401, 'CREDENTIAL_REQUIRED', ids.credentialRequired);
    const folder = await server.api(alice.token).request('drive/folders/create', { name: 'private' });
    assertError(await server.post('drive/folders/show', { i: bob.token, folderId: folder.id }), 400, 'NO_SUCH_FOLDER', ids.showNoSuchFolder);
  });

  test('update renames and moves, refusing cycles and others\' folders', async () => {
    const api = server.api(bob.token);
    const a = await api.request('drive/folders/create', { name: 'a' });
    const b = await api.request('drive/folders/create', { name: 'b', parentId: a.id });
    const c = await api.request('drive/folders/create', { name: 'c', parentId: b.id });
    const renamed = await api.request('drive/folders/update', { folderId: c.id, name: 'c2', parentId: a.id });
    assert.equal(renamed.name, 'c2');
    assert.equal(renamed.parentId, a.id);

    assertError(await server.post('drive/folders/update', { i: bob.token, folderId: a.id, parentId: a.id }), 400, 'RECURSIVE_NESTING', ids.recursiveNesting);
    assertError(await server.post('drive/folders/update', { i: bob.token, folderId: a.id, parentId: b.id }), 400, 'RECURSIVE_NESTING', ids.recursiveNesting);
    assertError(await server.post('drive/folders/update', { i: bob.token, folderId: a.id, parentId: 'nosuchfolder' }), 400, 'NO_SUCH_PARENT_FOLDER', ids.updateNoSuchParent);
    assertError(await server.post('drive/folders/update', { i: alice.token, folderId: a.id, name: 'mine' }), 400, 'NO_SUCH_FOLDER', ids.updateNoSuchFolder);
    assert.equal((await api.request('drive/folders/show', { folderId: a.id })).parentId, null);
    assert.equal((await api.request('drive/folders/update', { folderId: c.id, parentId: null })).parentId, null);
  });

  test('delete refuses non-empty folders and removes empty ones', async () => {
    const api = server.api(alice.token);
    const parent = await api.request('drive/folders/create', { name: 'p' });
    const child = await api.request('drive/folders/create', { name: 'c', parentId: parent.id });
    assertError(await server.post('drive/folders/delete', { i: alice.token, folderId: parent.id }), 400, 'HAS_CHILD_FILES_OR_FOLDERS', ids.hasChildren);
    assertError(await server.post('drive/folders/delete', { i: bob.token, folderId: child.id }), 400, 'NO_SUCH_FOLDER', ids.deleteNoSuchFolder);
    assert.equal((await server.post('drive/folders/delete', { i: alice.token, folderId: child.id })).status, 204);
    assert.equal((await server.post('drive/folders/delete', { i: alice.token, folderId: parent.id })).status, 204);
    assertError(await server.post('drive/folders/show', { i: alice.token, folderId: parent.id }), 400, 'NO_SUCH_FOLDER', ids.showNoSuchFolder);
  });
});
