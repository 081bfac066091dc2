import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';

const NO_SUCH_USER = '4362f8dc-731f-4ad8-a694-be5a88922a24';
const FAILED_TO_RESOLVE = 'ef7b9be4-9cba-4e6f-ab41-90ed171c7d3c';
const INVALID_PARAM = '3d81ceae-475f-4600-b2a8-2bc116157532';

describe('users/show', () => {
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

  test('by userId, anonymously: UserDetailedNotMe without relation flags', async () => {
    const user = await server.api().request('users/show', { userId: alice.id });
    assert.equal(user.id, alice.id);
    assert.equal(user.username, 'alice');
    assert.equal(user.host, null);
    assert.equal(user.followersCount, 0);
    assert.equal(user.followingCount, 0);
    assert.equal(user.notesCount, 0);
    assert.equal(typeof user.createdAt, 'string');
    assert.equal('isFollowing' in user, false);
    assert.equal('isAdmin' in user, false);
    assert.match(user.avatarUrl, /\/identicon\/alice%40/);
  });

  test('by username (case-insensitive) with host null, signed in: relation flags and memo', async () => {
    const user = await server.api(bob.token).request('users/show', { username: 'ALICE', host: null });
    assert.equal(user.id, alice.id);
    assert.equal((user as any).isFollowing, false);
    assert.equal((user as any).isBlocking, false);
    assert.equal((user as any).notify, 'none');
    assert.equal(user.memo, null);
  });

  test('a single user carries its pinned notes', async () => {
    const created = await server.api(alice.token).request('notes/create', { text: 'pinned' });
    await server.api(alice.token).request('i/pin', { noteId: created.createdNote.id });
    const user = await server.api(bob.token).request('users/show', { userId: alice.id });
    assert.deepEqual(user.pinnedNoteIds, [created.createdNote.id]);
    assert.equal(user.pinnedNotes[0]!.text, 'pinned');
  });

  test('viewing yourself gives MeDetailed', async () => {
    const me = await server.api(alice.token).request('users/show', { userId: alice.id });
    assert.equal((me as any).isAdmin, false);
    assert.ok('policies' in me);
  });

  test('by userIds keeps the requested order and drops unknown ids', async () => {
    const users = await server.api().request('users/show', { userIds: [bob.id, 'unknown0000', alice.id] });
    assert.deepEqual((users as any[]).map((u) => u.id), [bob.id, alice.id]);
    assert.deepEqual(await server.api().request('users/show', { userIds: [] }), []);
  });

  test('unknown user is 404 NO_SUCH_USER', async () => {
    const res = await server.post('users/show', { userId: 'nosuchuser1' });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NO_SUCH_USER');
    assert.equal(res.body.error.id, NO_SUCH_USER);
    const byName = await server.post('users/show', { username: 'nobody' });
    assert.equal(byName.status, 404);
  });

  test('an unknown remote account cannot be resolved', async () => {
    const res = await server.post('users/show', { username: 'someone', host: 'remote.example' });
    assert.equal(res.status, 500);
    assert.equal(res.body.error.code, 'FAILED_TO_RESOLVE_REMOTE_USER');
    assert.equal(res.body.error.id, FAILED_TO_RESOLVE);
  });

  test('no identifying param is INVALID_PARAM', async () => {
    const res = await server.post('users/show', { host: null });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.id, INVALID_PARAM);
    const dup = await server.post('users/show', { userIds: [alice.id, alice.id] });
    assert.equal(dup.status, 400);
  });

  test('an invalid token is refused even though credentials are optional', async () => {
    const res = await server.post('users/show', { i: 'bad-token', userId: alice.id });
    assert.equal(res.status, 401);
  });

  test('the avatar URL serves a deterministic PNG identicon', async () => {
    const user = await server.api().request('users/show', { userId: admin.id });
    const a = await fetch(user.avatarUrl);
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('content-type'), 'image/png');
    const bytesA = Buffer.from(await a.arrayBuffer());
    assert.deepEqual([...bytesA.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const again = Buffer.from(await (await fetch(user.avatarUrl)).arrayBuffer());
    assert.ok(bytesA.equals(again));
    const other = Buffer.from(await (await fetch(`${server.url}/identicon/bob@x`)).arrayBuffer());
    assert.ok(!bytesA.equals(other));
  });
});
