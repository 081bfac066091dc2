import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../../support/server.js';
import { appToken, assertError, ok } from '../../../support/social.js';

const INVALID_PARAM = '3d81ceae-475f-4600-b2a8-2bc116157532';

describe('users/lists/*', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let listId: string;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
  });
  after(() => server.close());

  test('create, list, show, update', async () => {
    const list = await server.api(alice.token).request('users/lists/create', { name: 'friends' });
    listId = list.id;
    assert.equal(list.name, 'friends');
    assert.equal(list.isPublic, false);
    assert.deepEqual(list.userIds, []);
    assert.deepEqual((await server.api(alice.token).request('users/lists/list', {})).map((l) => l.id), [list.id]);
    const updated = await server.api(alice.token).request('users/lists/update', { listId, name: 'pals', isPublic: true });
    assert.equal(updated.name, 'pals');
    assert.equal(updated.isPublic, true);
    assert.equal((await server.api(alice.token).request('users/lists/show', { listId })).name, 'pals');
    assertError(await server.post('users/lists/create', { i: alice.token, name: '' }), 400, 'INVALID_PARAM', INVALID_PARAM);
    assertError(await server.post('users/lists/update', { i: bob.token, listId, name: 'x' }), 400, 'NO_SUCH_LIST', '796666fe-3dff-4d39-becb-8a5932c1d5b7');
    assertError(await server.post('users/lists/show', { i: bob.token, listId }), 400, 'NO_SUCH_LIST', '7bc05c21-1d7a-41ae-88f1-66820f4dc686');
    assertError(await server.post('users/lists/create', { name: 'x' }), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    const readOnly = await appToken(server, alice.token, ['read:account']);
    assertError(await server.post('users/lists/create', { i: readOnly, name: 'x' }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
  });

  test('push, get-memberships, update-membership, pull', async () => {
    await server.api(alice.token).request('users/lists/push', { listId, userId: bob.id });
    await server.api(alice.token).request('users/lists/push', { listId, userId: carol.id });
    assert.deepEqual((await server.api(alice.token).request('users/lists/show', { listId })).userIds, [bob.id, carol.id]);
    assertError(await server.post('users/lists/push', { i: alice.token, listId, userId: bob.id }), 400, 'ALREADY_ADDED', '1de7c884-1595-49e9-857e-61f12f4d4fc5');
    assertError(await server.post('users/lists/push', { i: alice.token, listId, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', 'a89abd3d-f0bc-4cce-beb1-2f446f4f1e6a');
    assertError(await server.post('users/lists/push', { i: bob.token, listId, userId: carol.id }), 400, 'NO_SUCH_LIST', '2214501d-ac96-4049-b717-91e42272a711');

    await server.api(alice.token).request('users/lists/update-membership', { listId, userId: bob.id, withReplies: true });
    const members = await server.api(alice.token).request('users/lists/get-memberships', { listId });
    assert.deepEqual(members.map((m) => [m.userId, m.withReplies]), [[carol.id, false], [bob.id, true]]);
    assert.equal(members[0]!.user.username, 'carol');
    assertError(await server.post('users/lists/update-membership', { i: bob.token, listId, userId: bob.id }), 400, 'NO_SUCH_LIST', '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02');

    await server.api(alice.token).request('users/lists/pull', { listId, userId: carol.id });
    assert.deepEqual((await server.api(alice.token).request('users/lists/show', { listId })).userIds, [bob.id]);
    assertError(await server.post('users/lists/pull', { i: alice.token, listId, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '588e7f72-c744-4a61-b180-d354e912bda2');
  });

  test('a user who blocks you cannot be pushed', async () => {
    await ok(server, 'blocking/create', carol.token, { userId: alice.id });
    assertError(await server.post('users/lists/push', { i: alice.token, listId, userId: carol.id }), 400, 'YOU_HAVE_BEEN_BLOCKED', '990232c5-3f9d-4d83-9f3f-ef27b6332a4b');
    await ok(server, 'blocking/delete', carol.token, { userId: alice.id });
  });

  test('public lists: show forPublic, favorite, unfavorite, list by userId, create-from-public', async () => {
    const pub = await server.api(bob.token).request('users/lists/show', { listId, forPublic: true });
    assert.equal(pub.likedCount, 0);
    assert.equal(pub.isLiked, false);
    await server.api(bob.token).request('users/lists/favorite', { listId });
    assertError(await server.post('users/lists/favorite', { i: bob.token, listId }), 400, 'ALREADY_FAVORITED', '6425bba0-985b-461e-af1b-518070e72081');
    const liked = await server.api(bob.token).request('users/lists/show', { listId, forPublic: true });
    assert.deepEqual([liked.likedCount, liked.isLiked], [1, true]);
    await server.api(bob.token).request('users/lists/unfavorite', { listId });
    assertError(await server.post('users/lists/unfavorite', { i: bob.token, listId }), 400, 'ALREADY_FAVORITED', '835c4b27-463d-4cfa-969b-a9058678d465');

    assert.deepEqual((await server.api().request('users/lists/list', { userId: alice.id })).map((l) => l.id), [listId]);
    assertError(await server.post('users/lists/list', {}), 400, 'INVALID_PARAM', 'ab36de0e-29e9-48cb-9732-d82f1281620d');
    assertError(await server.post('users/lists/list', { userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', 'a8af4a82-0980-4cc4-a6af-8b0ffd54465e');

    const copy = await server.api(carol.token).request('users/lists/create-from-public', { name: 'copy', listId });
    assert.equal(copy.name, 'copy');
    assert.deepEqual(copy.userIds, [bob.id]);
    const privateList = await ok(server, 'users/lists/create', carol.token, { name: 'secret' });
    assertError(await server.post('users/lists/favorite', { i: bob.token, listId: privateList.id }), 400, 'NO_SUCH_USER_LIST', '7dbaf3cf-7b42-4b8f-b431-b3919e580dbe');
    assertError(await server.post('users/lists/create-from-public', { i: bob.token, name: 'x', listId: privateList.id }), 400, 'NO_SUCH_LIST', '9292f798-6175-4f7d-93f4-b6742279667d');
    assert.deepEqual((await server.api().request('users/lists/list', { userId: carol.id })).map((l) => l.name), []);
  });

  test('the list limit of the role policy', async () => {
    for (let i = 1; i < 10; i++) await ok(server, 'users/lists/create', bob.token, { name: `l${i}` });
    await ok(server, 'users/lists/create', bob.token, { name: 'l10' });
    assertError(await server.post('users/lists/create', { i: bob.token, name: 'l11' }), 400, 'TOO_MANY_USERLISTS', '0cf21a28-7715-4f39-a20d-777bfdb8d138');
    assert.equal((await server.api(bob.token).request('users/lists/list', {})).length, 10);
  });

  test('delete', async () => {
    await server.api(alice.token).request('users/lists/delete', { listId });
    assertError(await server.post('users/lists/delete', { i: alice.token, listId }), 400, 'NO_SUCH_LIST', '78436795-db79-42f5-b1e2-55ea2cf19166');
    assert.deepEqual(await server.api(alice.token).request('users/lists/list', {}), []);
  });
});
