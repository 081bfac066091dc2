import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { FetchRefusedError } from '../../../../src/lib/safe-fetch.js';
import type { BusMessage } from '../../../../src/infra/bus/bus.js';
import { startTestServer, type TestServer, type TestUser } from '../../../support/server.js';
import { png } from '../helpers.js';

describe('drive/files/upload-from-url', () => {
  let server: TestServer;
  let alice: TestUser;
  let origin: http.Server;
  let originUrl: string;
  let image: Buffer;
  const hits: string[] = [];

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    image = await png(30, 20);
    origin = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/cat.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(image);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  });
  after(async () => {
    origin.closeAllConnections();
    origin.close();
    await server.close();
  });

  /** Resolves with the first main-stream event of `type` for `userId`, or rejects after `ms`. */
  function nextMainEvent(userId: string, type: string, ms = 10_000): Promise<BusMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`no ${type} within ${ms} ms`)); }, ms);
      const off = server.instance.svc.bus.subscribe(`main:${userId}`, (msg) => {
        if (msg.type !== type) return;
        clearTimeout(timer);
        off();
        resolve(msg);
      });
    });
  }

  test('answers 204 at once and announces urlUploadFinished with the marker and the file', async () => {
    server.instance.svc.config.allowPrivateNetworkFetch = true;
    try {
      const finished = nextMainEvent(alice.id, 'urlUploadFinished');
      const res = await server.post('drive/files/upload-from-url', { i: alice.token, url: `${originUrl}/cat.png`, marker: 'm-1', comment: 'a cat' });
      assert.equal(res.status, 204);
      const { body } = (await finished) as { body: { marker: string; file: { id: string; type: string; name: string; comment: string; size: number } } };
      assert.equal(body.marker, 'm-1');
      assert.equal(body.file.type, 'image/png');
      assert.equal(body.file.name, 'cat.png');
      assert.equal(body.file.comment, 'a cat');
      assert.equal(body.file.size, image.length);
      const shown = await server.api(alice.token).request('drive/files/show', { fileId: body.file.id });
      assert.equal(shown.id, body.file.id);
    } finally {
      server.instance.svc.config.allowPrivateNetworkFetch = false;
    }
  });

  test('refuses loopback URLs by default: nothing is fetched and nothing stored', async () => {
    const user = (await server.instance.svc.usersRepo.findById(alice.id))!;
    const before = hits.length;
    const filesBefore = (await server.api(alice.token).request('drive/stream', { limit: 100 })).length;
    await assert.rejects(
      server.instance.svc.drive.uploadFromUrl(user, { url: `${originUrl}/cat.png`, folderId: null, sensitive: false, comment: null, force: true, marker: null }),
      FetchRefusedError,
    );
    await assert.rejects(
      server.instance.svc.drive.uploadFromUrl(user, { url: 'http://169.254.169.254/latest/meta-data', folderId: null, sensitive: false, comment: null, force: true, marker: null }),
      FetchRefusedError,
    );
    assert.equal(hits.length, before);
    assert.equal((await server.api(alice.token).request('drive/stream', { limit: 100 })).length, filesBefore);
  });

  test('validation, credential and permission failures', async () => {
    const missing = await server.post('drive/files/upload-from-url', { i: alice.token });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 'INVALID_PARAM');
    const anon = await server.post('drive/files/upload-from-url', { url: `${originUrl}/cat.png` });
    assert.equal(anon.status, 401);
    assert.equal(anon.body.error.id, '1384574d-a912-4b81-8601-c7b1c4085df1');
    const token = (await server.post('miauth/gen-token', { i: alice.token, session: null, name: 'ro', permission: ['read:drive'] })).body.token;
    const denied = await server.post('drive/files/upload-from-url', { i: token, url: `${originUrl}/cat.png` });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.id, '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
  });
});
