import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toJson } from '../../../../src/infra/db/dialect.js';
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

  /** Posts a note and attaches `fileIds` to it directly in the table (attaching is the notes area's job). */
  async function noteWith(user: TestUser, text: string, fileIds: string[]): Promise<string> {
    const res = await server.post('notes/create', { i: user.token, text });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const id = res.body.createdNote.id as string;
    await server.instance.svc.database.db.updateTable('note').set({ fileIds: toJson(fileIds) }).where('id', '=', id).execute();
    return id;
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
  });

  test('only the owner may ask; unknown ids and bad params fail', async () => {
    const file = await uploadOk(server, alice.token, await png(8, 8), 'mine.png');
    assertError(await server.post('drive/files/attached-notes', { i: bob.token, fileId: file.id }), 400, 'NO_SUCH_FILE', noSuchFile);
    assertError(await server.post('drive/files/attached-notes', { i: alice.token, fileId: 'nosuchfile' }), 400, 'NO_SUCH_FILE', noSuchFile);
    assert.equal((await server.post('drive/files/attached-notes', { i: alice.token })).status, 400);
    assert.equal((await server.post('drive/files/attached-notes', { fileId: file.id })).status, 401);
  });
});
