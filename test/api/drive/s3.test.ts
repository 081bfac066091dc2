import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { startTestS3, type TestS3 } from '../../support/s3rver.js';
import { png, uploadOk } from './helpers.js';

describe('drive on an S3-compatible bucket', () => {
  let s3: TestS3;
  let server: TestServer;
  let alice: TestUser;

  before(async () => {
    s3 = await startTestS3();
    server = await startTestServer(s3.env);
    alice = await server.createUser('alice');
  });
  after(async () => {
    await server.close();
    await s3.close();
  });

  test('uploads go to the bucket and the entity points at it; originals, thumbnails and deletes work', async () => {
    const data = await png(40, 30);
    const file = await uploadOk(server, alice.token, data, 'bucket.png');
    const base = `${s3.endpoint}/${s3.bucket}/`;
    assert.ok(file.url.startsWith(base), file.url);
    assert.ok(file.thumbnailUrl.startsWith(`${base}thumbnail-`), file.thumbnailUrl);

    const original = await fetch(file.url);
    assert.equal(original.status, 200);
    assert.equal(original.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await original.arrayBuffer()), data);
    assert.equal((await fetch(file.thumbnailUrl)).status, 200);

    // The instance can still serve the object itself (e.g. behind a private bucket).
    const key = file.url.slice(base.length);
    const proxied = await fetch(`${server.url}/files/${key}`);
    assert.deepEqual(Buffer.from(await proxied.arrayBuffer()), data);

    assert.equal((await server.post('drive/files/delete', { i: alice.token, fileId: file.id })).status, 204);
    assert.equal((await fetch(file.url)).status, 404);
    assert.equal((await fetch(file.thumbnailUrl)).status, 404);
  });

  test('non-media files are stored to download, not to render', async () => {
    const file = await uploadOk(server, alice.token, 'plain words', 'notes.txt');
    const res = await fetch(file.url);
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
  });
});
