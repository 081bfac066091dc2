import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { startTestServer, type TestServer, type TestUser } from '../../../support/server.js';
import { assertError, jpegWithExif, png, upload, uploadOk } from '../helpers.js';

const ids = {
  credentialRequired: '1384574d-a912-4b81-8601-c7b1c4085df1',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  fileRequired: '4267801e-70d1-416a-b011-4ee502885d8b',
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
  invalidFileName: 'f449b209-0c60-4e51-84d5-29486263bfd4',
  noFreeSpace: 'd08dbc37-a6a9-463a-8c47-96c32ab5f064',
  maxFileSizeExceeded: 'b9d8c348-33f0-4673-b9a9-5d4da058977a',
  unallowedFileType: '4becd248-7f2c-48c4-a9f0-75edc4f9a1ea',
  noSuchFolder: '31ca6cdb-44f7-4b9d-bf03-4c8067dd7a1a',
};

describe('drive/files/create', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer({ MAX_FILE_SIZE: String(2 * 1024 * 1024) });
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
  });
  after(() => server.close());

  async function countFiles(token: string): Promise<number> {
    return (await server.api(token).request('drive/files', { limit: 100 })).length;
  }

  test('uploads an image through misskey-js: type from content, md5, size, dimensions, blurhash, thumbnail', async () => {
    const data = await png(64, 48);
    const file = await server.api(alice.token).request('drive/files/create', { file: new Blob([data]), name: 'picture' });
    assert.equal(file.type, 'image/png');
    assert.equal(file.name, 'picture.png');
    assert.equal(file.size, data.length);
    assert.equal(file.md5, (await import('node:crypto')).createHash('md5').update(data).digest('hex'));
    assert.deepEqual(file.properties, { width: 64, height: 48 });
    assert.equal(typeof file.blurhash, 'string');
    assert.equal(file.isSensitive, false);
    assert.equal(file.folderId, null);
    assert.ok(file.url.startsWith(`${server.url}/files/`));
    assert.ok(file.thumbnailUrl?.startsWith(`${server.url}/files/thumbnail-`));

    const original = await fetch(file.url);
    assert.equal(original.status, 200);
    assert.deepEqual(Buffer.from(await original.arrayBuffer()), data);
    const thumb = await fetch(file.thumbnailUrl!);
    assert.equal(thumb.headers.get('content-type'), 'image/webp');
    assert.equal((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format, 'webp');
  });

  test('the type comes from the bytes, not the name; a nameless upload is "untitled"', async () => {
    const data = await png(8, 8, { r: 1, g: 2, b: 3 });
    const res = await upload(server, alice.token, { data, name: 'blob', type: 'text/html' });
    assert.equal(res.status, 200);
    assert.equal(res.body.type, 'image/png');
    assert.equal(res.body.name, 'untitled.png');
  });

  test('an identical file is reused unless force is set', async () => {
    const data = await png(10, 10, { r: 9, g: 9, b: 9 });
    const first = await uploadOk(server, alice.token, data, 'a.png');
    const again = await uploadOk(server, alice.token, data, 'b.png');
    assert.equal(again.id, first.id);
    const forced = await uploadOk(server, alice.token, data, 'c.png', { force: 'true' });
    assert.notEqual(forced.id, first.id);
  });

  test('EXIF is kept out of what others see: the web-public copy has no metadata', async () => {
    const data = await jpegWithExif();
    const own = await uploadOk(server, alice.token, data, 'photo.jpg');
    assert.ok((await sharp(data).metadata()).exif, 'fixture has EXIF');
    const shown = await server.api(admin.token).request('drive/files/show', { fileId: own.id });
    // Admins see the owner's view; the public URL is what notes carry.
    assert.equal(shown.url, own.url);
    const publicRes = await fetch(own.url.replace(/\/files\/[^/]+$/, '') + '/files/' + (await webpublicKeyOf(own.id)));
    assert.equal(publicRes.status, 200);
    const meta = await sharp(Buffer.from(await publicRes.arrayBuffer())).metadata();
    assert.equal(meta.exif, undefined);
    assert.equal(meta.format, 'jpeg');
  });

  async function webpublicKeyOf(fileId: string): Promise<string> {
    const row = await server.instance.svc.drive.files.findById(fileId);
    assert.ok(row?.webpublicAccessKey);
    return row.webpublicAccessKey;
  }

  test('EXIF orientation: the owner sees it; others see the turned dimensions', async () => {
    const rotated = await sharp({ create: { width: 60, height: 20, channels: 3, background: { r: 1, g: 1, b: 1 } } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const own = await uploadOk(server, alice.token, rotated, 'turned.jpg');
    assert.deepEqual(own.properties, { width: 60, height: 20, orientation: 6 });
    const { DriveFilePacker } = await import('../../../../src/api/entities/drive-file-packer.js');
    const [shown] = await new DriveFilePacker(server.instance.svc).packMany([own.id]);
    assert.deepEqual(shown!.properties, { width: 20, height: 60 });
  });

  test('a role policy that always marks media sensitive wins over isSensitive=false', async () => {
    await server.instance.svc.meta.update({ policies: { alwaysMarkNsfw: true } });
    try {
      const file = await uploadOk(server, alice.token, await png(12, 3), 'nsfw.png', { isSensitive: 'false' });
      assert.equal(file.isSensitive, true);
    } finally {
      await server.instance.svc.meta.update({ policies: {} });
    }
  });

  test('folderId, comment and isSensitive are applied (multipart strings are cast)', async () => {
    const folder = await server.api(alice.token).request('drive/folders/create', { name: 'pics' });
    const res = await upload(server, alice.token, { data: await png(5, 5), name: 'x.png' }, { folderId: folder.id, comment: 'hello', isSensitive: 'true' });
    assert.equal(res.status, 200);
    assert.equal(res.body.folderId, folder.id);
    assert.equal(res.body.comment, 'hello');
    assert.equal(res.body.isSensitive, true);
  });

  test('the token may come as Authorization: Bearer on a multipart call; transparency survives the thumbnail', async () => {
    const data = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([data]), 'clear.png');
    const res = await fetch(`${server.url}/api/drive/files/create`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${alice.token}` } });
    assert.equal(res.status, 200);
    const file = (await res.json()) as { thumbnailUrl: string; type: string };
    assert.equal(file.type, 'image/png');
    const thumb = await sharp(Buffer.from(await (await fetch(file.thumbnailUrl)).arrayBuffer())).metadata();
    assert.equal(thumb.hasAlpha, true);
  });

  test('no file part is 400 FILE_REQUIRED', async () => {
    assertError(await upload(server, alice.token, undefined, { name: 'x' }), 400, 'FILE_REQUIRED', ids.fileRequired);
  });

  test('a part over the configured maximum is 413 and stores nothing', async () => {
    const before = await countFiles(alice.token);
    const res = await upload(server, alice.token, { data: Buffer.alloc(3 * 1024 * 1024, 1), name: 'big.bin' });
    assert.equal(res.status, 413);
    assert.equal(await countFiles(alice.token), before);
  });

  test('invalid params are 400 INVALID_PARAM', async () => {
    const res = await upload(server, alice.token, { data: await png(), name: 'x.png' }, { isSensitive: 'maybe' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_PARAM');
  });

  test('an invalid name is INVALID_FILE_NAME', async () => {
    const res = await upload(server, alice.token, { data: await png(), name: 'x.png' }, { name: '../etc/passwd' });
    assertError(res, 400, 'INVALID_FILE_NAME', ids.invalidFileName);
  });

  test('an unknown folder is NO_SUCH_FOLDER', async () => {
    const res = await upload(server, alice.token, { data: await png(7, 7), name: 'x.png' }, { folderId: 'nosuchfolder1' });
    assertError(res, 400, 'NO_SUCH_FOLDER', ids.noSuchFolder);
  });

  test('without a credential: 401; with a token lacking write:drive: 403', async () => {
    assertError(await upload(server, undefined, { data: await png(), name: 'x.png' }), 401, 'CREDENTIAL_REQUIRED', ids.credentialRequired);
    const token = (await server.post('miauth/gen-token', { i: alice.token, session: null, name: 'ro', permission: ['read:drive'] })).body.token;
    assertError(await upload(server, token, { data: await png(), name: 'x.png' }), 403, 'PERMISSION_DENIED', ids.permissionDenied);
  });

  describe('role policies', () => {
    test('types outside uploadableFileTypes are UNALLOWED_FILE_TYPE (HTML is octet-stream)', async () => {
      const res = await upload(server, alice.token, { data: '<!doctype html><script>alert(1)</script>', name: 'page.html', type: 'text/html' });
      assertError(res, 400, 'UNALLOWED_FILE_TYPE', ids.unallowedFileType);
    });

    test('maxFileSizeMb gives 413 MAX_FILE_SIZE_EXCEEDED; driveCapacityMb gives NO_FREE_SPACE; moderators are exempt', async () => {
      const meta = server.instance.svc.meta;
      await meta.update({ policies: { maxFileSizeMb: 1, driveCapacityMb: 100 } });
      try {
        const big = Buffer.alloc(1024 * 1024 + 10, 'a');
        assertError(await upload(server, alice.token, { data: big, name: 'big.txt' }), 413, 'MAX_FILE_SIZE_EXCEEDED', ids.maxFileSizeExceeded);
        assert.equal((await upload(server, admin.token, { data: big, name: 'big.txt' })).status, 200);

        await meta.update({ policies: { maxFileSizeMb: 30, driveCapacityMb: 0 } });
        const before = await countFiles(alice.token);
        assertError(await upload(server, alice.token, { data: 'hello text', name: 'a.txt' }), 400, 'NO_FREE_SPACE', ids.noFreeSpace);
        assert.equal(await countFiles(alice.token), before);
      } finally {
        await meta.update({ policies: {} });
      }
    });
  });
});
