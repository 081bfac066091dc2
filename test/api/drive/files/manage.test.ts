import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../../support/server.js';
import { assertError, png, uploadOk } from '../helpers.js';

const ids = {
  credentialRequired: '1384574d-a912-4b81-8601-c7b1c4085df1',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  showNoSuchFile: '067bc436-2718-4795-b0fb-ecbe43949e31',
  showAccessDenied: '25b73c73-68b1-41d0-bad1-381cfdf6579f',
  updateInvalidName: '395e7156-f9f0-475e-af89-53c3c23080c2',
  updateNoSuchFile: 'e7778c7e-3af9-49cd-9690-6dbc3e6c972d',
  updateAccessDenied: '01a53b27-82fc-445b-a0c1-b558465a8ed2',
  updateNoSuchFolder: 'ea8fb7a5-af77-4a08-b608-c0218176cd73',
  restrictedByRole: '7f59dccb-f465-75ab-5cf4-3ce44e3282f7',
  deleteNoSuchFile: '908939ec-e52b-4458-b395-1025195cea58',
  deleteAccessDenied: '5eb8d909-2540-4970-90b8-dd6f86088121',
};

describe('drive files: list, show, update, delete, find, move', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
  });
  after(() => server.close());

  const img = (seed: number) => png(4 + seed, 4, { r: seed, g: 2 * seed, b: 3 });

  test('drive reports capacity from the role policy and usage in bytes', async () => {
    const user = await server.createUser();
    const before = await server.api(user.token).request('drive', {});
    assert.deepEqual(before, { capacity: 100 * 1024 * 1024, usage: 0 });
    const file = await uploadOk(server, user.token, await img(1), 'a.png');
    assert.equal((await server.api(user.token).request('drive', {})).usage, file.size);
    assertError(await server.post('drive', {}), 401, 'CREDENTIAL_REQUIRED', ids.credentialRequired);
  });

  test('drive/files lists one folder newest first, filters by type, sorts and pages; drive/stream spans folders', async () => {
    const user = await server.createUser();
    const api = server.api(user.token);
    const folder = await api.request('drive/folders/create', { name: 'f' });
    const a = await uploadOk(server, user.token, await img(2), 'a.png');
    const b = await uploadOk(server, user.token, 'just text', 'b.txt');
    const c = await uploadOk(server, user.token, await img(3), 'c.png', { folderId: folder.id });

    assert.deepEqual((await api.request('drive/files', {})).map((f) => f.id), [b.id, a.id]);
    assert.deepEqual((await api.request('drive/files', { folderId: folder.id })).map((f) => f.id), [c.id]);
    assert.deepEqual((await api.request('drive/files', { type: 'image/*' })).map((f) => f.id), [a.id]);
    assert.deepEqual((await api.request('drive/files', { type: 'text/plain' })).map((f) => f.id), [b.id]);
    assert.deepEqual((await api.request('drive/files', { sort: '-name' })).map((f) => f.name), ['a.png', 'b.txt']);
    assert.deepEqual((await api.request('drive/files', { untilId: b.id })).map((f) => f.id), [a.id]);
    assert.deepEqual((await api.request('drive/files', { sinceId: a.id })).map((f) => f.id), [b.id]);
    assert.deepEqual((await api.request('drive/files', { limit: 1 })).map((f) => f.id), [b.id]);
    assert.deepEqual((await api.request('drive/stream', {})).map((f) => f.id), [c.id, b.id, a.id]);
    assert.deepEqual((await api.request('drive/stream', { type: 'image/*' })).map((f) => f.id), [c.id, a.id]);

    // Others' files never show up.
    assert.equal((await server.api(bob.token).request('drive/stream', {})).some((f) => f.id === a.id), false);
    assert.equal((await server.post('drive/files', { i: user.token, type: 'image/png; drop table' })).status, 400);
    assert.equal((await server.post('drive/files', { i: user.token, limit: 101 })).status, 400);
  });

  test('drive/files/show by id or URL: owner and moderators; others get ACCESS_DENIED', async () => {
    const file = await uploadOk(server, alice.token, await img(4), 'show.png');
    const own = await server.api(alice.token).request('drive/files/show', { fileId: file.id });
    assert.equal(own.id, file.id);
    assert.equal(own.userId, alice.id);
    assert.equal(own.user?.username, 'alice');
    assert.equal((await server.api(alice.token).request('drive/files/show', { url: file.url })).id, file.id);
    assert.equal((await server.api(alice.token).request('drive/files/show', { url: file.thumbnailUrl! })).id, file.id);
    assert.equal((await server.api(admin.token).request('drive/files/show', { fileId: file.id })).id, file.id);

    assertError(await server.post('drive/files/show', { i: bob.token, fileId: file.id }), 403, 'ACCESS_DENIED', ids.showAccessDenied);
    assertError(await server.post('drive/files/show', { i: alice.token, fileId: 'nosuchfile' }), 400, 'NO_SUCH_FILE', ids.showNoSuchFile);
    assertError(await server.post('drive/files/show', { i: alice.token, url: 'https://example.com/x.png' }), 400, 'NO_SUCH_FILE', ids.showNoSuchFile);
    assert.equal((await server.post('drive/files/show', { i: alice.token })).status, 400);
  });

  test('drive/files/update renames, comments, marks sensitive and moves; rules and errors as Misskey', async () => {
    const file = await uploadOk(server, alice.token, await img(5), 'old.png');
    const folder = await server.api(alice.token).request('drive/folders/create', { name: 'dest' });
    const updated = await server.api(alice.token).request('drive/files/update', { fileId: file.id, name: 'new.png', comment: 'c', isSensitive: true, folderId: folder.id });
    assert.equal(updated.name, 'new.png');
    assert.equal(updated.comment, 'c');
    assert.equal(updated.isSensitive, true);
    assert.equal(updated.folderId, folder.id);
    const back = await server.api(alice.token).request('drive/files/update', { fileId: file.id, folderId: null, comment: null });
    assert.equal(back.folderId, null);
    assert.equal(back.comment, null);
    assert.equal(back.name, 'new.png');

    assertError(await server.post('drive/files/update', { i: alice.token, fileId: file.id, name: 'a/b' }), 400, 'INVALID_FILE_NAME', ids.updateInvalidName);
    assertError(await server.post('drive/files/update', { i: alice.token, fileId: 'nosuchfile' }), 400, 'NO_SUCH_FILE', ids.updateNoSuchFile);
    assertError(await server.post('drive/files/update', { i: bob.token, fileId: file.id, name: 'x.png' }), 403, 'ACCESS_DENIED', ids.updateAccessDenied);
    const bobsFolder = await server.api(bob.token).request('drive/folders/create', { name: 'bob' });
    assertError(await server.post('drive/files/update', { i: alice.token, fileId: file.id, folderId: bobsFolder.id }), 400, 'NO_SUCH_FOLDER', ids.updateNoSuchFolder);
    assert.equal((await server.api(alice.token).request('drive/files/show', { fileId: file.id })).name, 'new.png');

    await server.instance.svc.meta.update({ policies: { alwaysMarkNsfw: true } });
    try {
      assertError(await server.post('drive/files/update', { i: alice.token, fileId: file.id, isSensitive: false }), 400, 'RESTRICTED_BY_ROLE', ids.restrictedByRole);
    } finally {
      await server.instance.svc.meta.update({ policies: {} });
    }
  });

  test('drive/files/delete removes the file and its bytes; others and unknown ids are refused', async () => {
    const file = await uploadOk(server, alice.token, await img(6), 'del.png');
    assertError(await server.post('drive/files/delete', { i: bob.token, fileId: file.id }), 403, 'ACCESS_DENIED', ids.deleteAccessDenied);
    assertError(await server.post('drive/files/delete', { i: alice.token, fileId: 'nosuchfile' }), 400, 'NO_SUCH_FILE', ids.deleteNoSuchFile);
    assert.equal((await fetch(file.url)).status, 200);
    assert.equal((await server.post('drive/files/delete', { i: alice.token, fileId: file.id })).status, 204);
    assertError(await server.post('drive/files/show', { i: alice.token, fileId: file.id }), 400, 'NO_SUCH_FILE', ids.showNoSuchFile);
    assert.equal((await fetch(file.url)).status, 404);
    const token = (await server.post('miauth/gen-token', { i: alice.token, session: null, name: 'ro', permission: ['read:drive'] })).body.token;
    const other = await uploadOk(server, alice.token, await img(7), 'keep.png');
    assertError(await server.post('drive/files/delete', { i: token, fileId: other.id }), 403, 'PERMISSION_DENIED', ids.permissionDenied);
  });

  test('find, find-by-hash and check-existence see only the caller\'s files', async () => {
    const data = await img(8);
    const file = await uploadOk(server, alice.token, data, 'unique-name.png');
    const api = server.api(alice.token);
    assert.deepEqual((await api.request('drive/files/find', { name: 'unique-name.png' })).map((f) => f.id), [file.id]);
    assert.deepEqual(await api.request('drive/files/find', { name: 'unique-name.png', folderId: 'nosuchfolder' }), []);
    assert.deepEqual((await api.request('drive/files/find-by-hash', { md5: file.md5 })).map((f) => f.id), [file.id]);
    assert.equal(await api.request('drive/files/check-existence', { md5: file.md5 }), true);
    assert.equal(await server.api(bob.token).request('drive/files/check-existence', { md5: file.md5 }), false);
    assert.deepEqual(await server.api(bob.token).request('drive/files/find-by-hash', { md5: file.md5 }), []);
    assert.equal((await server.post('drive/files/find', { i: alice.token })).status, 400);
    assert.equal((await server.post('drive/files/check-existence', { i: alice.token, md5: 5 })).status, 400);
  });

  test('move-bulk moves the caller\'s files only', async () => {
    const mine = await uploadOk(server, alice.token, await img(9), 'm1.png');
    const theirs = await uploadOk(server, bob.token, await img(10), 'b1.png');
    const folder = await server.api(alice.token).request('drive/folders/create', { name: 'bulk' });
    assert.equal((await server.post('drive/files/move-bulk', { i: alice.token, fileIds: [mine.id, theirs.id], folderId: folder.id })).status, 204);
    assert.equal((await server.api(alice.token).request('drive/files/show', { fileId: mine.id })).folderId, folder.id);
    assert.equal((await server.api(bob.token).request('drive/files/show', { fileId: theirs.id })).folderId, null);
    assert.equal((await server.post('drive/files/move-bulk', { i: alice.token, fileIds: [] })).status, 400);
    assertError(await server.post('drive/files/move-bulk', { i: alice.token, fileIds: [mine.id], folderId: 'nosuchfolder' }), 400, 'NO_SUCH_FOLDER', ids.updateNoSuchFolder);
    assert.equal((await server.post('drive/files/move-bulk', { i: alice.token, fileIds: [mine.id] })).status, 204);
    assert.equal((await server.api(alice.token).request('drive/files/show', { fileId: mine.id })).folderId, null);
  });

  test('others (notes) see the web-public URL; the owner sees the original', async () => {
    const packer = new (await import('../../../../src/api/entities/drive-file-packer.js')).DriveFilePacker(server.instance.svc);
    const { jpegWithExif } = await import('../helpers.js');
    const file = await uploadOk(server, alice.token, await jpegWithExif(), 'p.jpg');
    const [publicView] = await packer.packMany([file.id]);
    assert.notEqual(publicView!.url, file.url);
    assert.match(publicView!.url, /\/files\/webpublic-/);
    assert.equal(publicView!.userId, alice.id);
  });

  test('deleting the account removes its files, bytes included, in a job', async () => {
    const carol = await server.createUser();
    const file = await uploadOk(server, carol.token, await img(11), 'bye.png');
    await server.api(carol.token).request('drive/folders/create', { name: 'bye' });
    const gone = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no fileDeleted within 10 s')), 10_000);
      const off = server.instance.svc.bus.subscribe(`drive:${carol.id}`, (msg) => {
        if (msg.type !== 'fileDeleted' || msg.body !== file.id) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
    assert.equal((await server.post('i/delete-account', { i: carol.token, password: carol.password })).status, 204);
    await gone;
    assert.equal((await fetch(file.url)).status, 404);
    assert.equal(await server.instance.svc.drive.files.findById(file.id), undefined);
  });
});
