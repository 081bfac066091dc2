import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { png, uploadOk } from './helpers.js';

describe('/files/<key> serving', () => {
  let server: TestServer;
  let admin: TestUser;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
  });
  after(() => server.close());

  test('an uploaded HTML file is served as a download, never inline, under a CSP that forbids script', async () => {
    // Moderators may upload any type; the serving rules still apply.
    const file = await uploadOk(server, admin.token, '<!doctype html><html><script>alert(document.cookie)</script></html>', 'evil.html');
    assert.equal(file.type, 'application/octet-stream');
    const res = await fetch(file.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await res.text(), /<script>/);
  });

  test('an SVG is a download too; others get a rasterised PNG copy and a thumbnail', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><script>alert(1)</script><rect width="40" height="30" fill="red"/></svg>';
    const file = await uploadOk(server, admin.token, svg, 'pic.svg');
    assert.equal(file.type, 'image/svg+xml');
    assert.deepEqual(file.properties, { width: 40, height: 30 });
    const original = await fetch(file.url);
    assert.equal(original.headers.get('content-type'), 'application/octet-stream');
    assert.match(original.headers.get('content-disposition') ?? '', /^attachment;/);
    const row = await server.instance.svc.drive.files.findById(file.id);
    assert.equal(row?.webpublicType, 'image/png');
    const thumb = await fetch(file.thumbnailUrl);
    assert.equal(thumb.status, 200);
    assert.equal((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format, 'webp');
  });

  test('images are inline with immutable caching; byte ranges work on originals', async () => {
    const data = await png(50, 50);
    const file = await uploadOk(server, admin.token, data, 'img.png');
    const full = await fetch(file.url);
    assert.equal(full.headers.get('content-type'), 'image/png');
    assert.match(full.headers.get('content-disposition') ?? '', /^inline; filename="img.png"/);
    assert.equal(full.headers.get('cache-control'), 'max-age=31536000, immutable');
    assert.equal(full.headers.get('accept-ranges'), 'bytes');
    assert.equal(Number(full.headers.get('content-length')), data.length);

    const part = await fetch(file.url, { headers: { Range: 'bytes=0-9' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 0-9/${data.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), data.subarray(0, 10));

    const tail = await fetch(file.url, { headers: { Range: 'bytes=-5' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), data.subarray(data.length - 5));

    const bad = await fetch(file.url, { headers: { Range: `bytes=${data.length + 10}-` } });
    assert.equal(bad.status, 416);
    assert.equal(bad.headers.get('content-range'), `bytes */${data.length}`);

    const head = await fetch(file.url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'image/png');
    assert.equal(Number(head.headers.get('content-length')), data.length);

    const withName = await fetch(`${file.url}/anything.png`);
    assert.equal(withName.status, 200);
  });

  test('unknown keys are 404, and a deleted file stops being served', async () => {
    assert.equal((await fetch(`${server.url}/files/00000000-no-such-key`)).status, 404);
    assert.equal((await fetch(`${server.url}/files/..%2F..%2Fetc%2Fpasswd`)).status, 404);
    const file = await uploadOk(server, admin.token, await png(9, 9, { r: 5, g: 5, b: 5 }), 'gone.png');
    assert.equal((await fetch(file.url)).status, 200);
    assert.equal((await server.post('drive/files/delete', { i: admin.token, fileId: file.id })).status, 204);
    assert.equal((await fetch(file.url)).status, 404);
    assert.equal((await fetch(file.thumbnailUrl)).status, 404);
  });
});
