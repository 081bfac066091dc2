import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { RawClient, streamingUrl } from '../../streaming/helpers.js';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { png, uploadOk } from './helpers.js';

describe('drive events on the streaming API', () => {
  let server: TestServer;
  let alice: TestUser;
  let client: RawClient;
  let drive: string;
  let main: string;

  before(async () => {
    server = await startTestServer({ ALLOW_PRIVATE_NETWORK_FETCH: 'true' });
    await server.createUser('admin');
    alice = await server.createUser('alice');
    client = await RawClient.open(streamingUrl(server, alice.token));
    drive = await client.connect('drive');
    main = await client.connect('main');
  });
  after(async () => {
    client.ws.close();
    await server.close();
  });

  test('file created, updated and deleted reach the drive channel; driveFileCreated the main channel', async () => {
    const created = client.channelEvent(drive, 'fileCreated', (f) => f.name === 'live.png');
    const mainCreated = client.channelEvent(main, 'driveFileCreated', (f) => f.name === 'live.png');
    const file = await uploadOk(server, alice.token, await png(11, 11), 'live.png');
    assert.equal((await created).id, file.id);
    assert.equal((await mainCreated).id, file.id);

    const updated = client.channelEvent(drive, 'fileUpdated', (f) => f.id === file.id);
    await server.api(alice.token).request('drive/files/update', { fileId: file.id, name: 'renamed.png' });
    assert.equal((await updated).name, 'renamed.png');

    const deleted = client.channelEvent(drive, 'fileDeleted', (id) => id === file.id);
    await server.api(alice.token).request('drive/files/delete', { fileId: file.id });
    assert.equal(await deleted, file.id);
  });

  test('folder created, updated and deleted reach the drive channel', async () => {
    const created = client.channelEvent(drive, 'folderCreated', (f) => f.name === 'live');
    const folder = await server.api(alice.token).request('drive/folders/create', { name: 'live' });
    assert.equal((await created).id, folder.id);
    const updated = client.channelEvent(drive, 'folderUpdated', (f) => f.id === folder.id);
    await server.api(alice.token).request('drive/folders/update', { folderId: folder.id, name: 'live2' });
    assert.equal((await updated).name, 'live2');
    const deleted = client.channelEvent(drive, 'folderDeleted', (id) => id === folder.id);
    await server.api(alice.token).request('drive/folders/delete', { folderId: folder.id });
    assert.equal(await deleted, folder.id);
  });

  test('upload-from-url announces urlUploadFinished on the main channel (as Misskey\'s e2e drive test)', async () => {
    const image = await png(13, 13);
    const origin = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(image));
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/remote.png`;
      const finished = client.channelEvent(main, 'urlUploadFinished', (b) => b.marker === 'stream-marker');
      await server.api(alice.token).request('drive/files/upload-from-url', { url, marker: 'stream-marker' });
      const body = await finished;
      assert.equal(body.file.name, 'remote.png');
      assert.equal(body.file.size, image.length);
    } finally {
      origin.closeAllConnections();
      origin.close();
    }
  });
});
