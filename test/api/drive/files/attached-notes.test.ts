import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../../support/server.js';
import { assertError, png, uploadOk } from '../helpers.js';

const noSuchFile = 'c118ece3-2e4b-4296-99d1-51756e32d232';

describe('drive/files/attached-notes', () => {
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

  /** Posts a note with `fileIds` attached through the API. */
  async function noteWith(user: TestUser, text: string, fileIds: string[]): Promise<string> {
    const res = await server.post('notes/create', { i: user.token, text, fileIds });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.createdNote.id as string;
  }

  test('lists the owner\'s notes that carry the file, newest first', async () => {
    const file = await uploadOk(server, alice.token, await png(6, 6), 'att.png');
    const other = await uploadOk(server, alice.token, await png(7, 7), 'other.png');
    const first = await noteWith(alice, 'one', [file.id]);
    await noteWith(alice, 'unrelated', [other.id]);
    const second = await noteWith(alice, 'two', [other.id, file.id]);
    const notes = await server.api(alice.token).request('drive/files/attached-notes', { fileId: file.id });
    assert.deepEqual(notes.map((n) => n.id), [second, first]);
    assert.deepEqual((await server.api(alice.token).request('drive/files/attached-notes', { fileId: file.id, limit: 1 })).map((n) => n.id), [second]);
    assert.deepEqual(notes[0]!.files!.map((f) => f.id), [other.id, file.id]);
  });

  test('a note carries its files in the public view: the web-public copy, never the EXIF original', async () => {
    const { jpegWithExif } = await import('../helpers.js');
    const photo = await uploadOk(server, alice.token, await jpegWithExif(), 'trip.jpg');
    const noteId = await noteWith(alice, 'holiday', [photo.id]);
    const note = await server.api(bob.token).request('notes/show', { noteId });
    assert.equal(note.files?.length, 1);
    assert.match(note.files![0]!.url, /\/files\/webpublic-/);
    const res = await fetch(note.files![0]!.url);
    assert.equal(res.status, 200);
    const sharp = (await import('sharp')).default;
    assert.equal((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).exif, undefined);
  });

  test('only the owner may ask; unknown ids and bad params fail', async () => {
    const file = await uploadOk(server, alice.token, await png(8, 8), 'mine.png');
    assertError(await server.post('drive/files/attached-notes', { i: bob.token, fileId: file.id }), 400, 'NO_SUCH_FILE', noSuchFile);
    assertError(await server.post('drive/files/attached-notes', { i: alice.token, fileId: 'nosuchfile' }), 400, 'NO_SUCH_FILE', noSuchFile);
    assert.equal((await server.post('drive/files/attached-notes', { i: alice.token })).status, 400);
    assert.equal((await server.post('drive/files/attached-notes', { fileId: file.id })).status, 401);
  });
});
