import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { assertError, ok } from '../../support/social.js';

describe('users/followers, users/following, users/update-memo', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
    await ok(server, 'following/create', bob.token, { userId: alice.id });
    await ok(server, 'following/create', carol.token, { userId: alice.id });
    await ok(server, 'following/create', alice.token, { userId: bob.id });
  });
  after(() => server.close());

  test('followers and following, newest first, by id or by username', async () => {
    const followers = await server.api().request('users/followers', { userId: alice.id });
    assert.deepEqual(followers.map((f) => f.followerId), [carol.id, bob.id]);
    assert.equal(followers[0]!.follower!.username, 'carol');
    assert.equal(followers[0]!.followeeId, alice.id);
    const following = await server.api(bob.token).request('users/following', { username: 'alice', host: null });
    assert.deepEqual(following.map((f) => f.followeeId), [bob.id]);
    const page = await server.api().request('users/followers', { userId: alice.id, limit: 1, untilId: followers[0]!.id });
    assert.deepEqual(page.map((f) => f.followerId), [bob.id]);
  });

  test('errors: unknown user, missing identification, hidden lists', async () => {
    assertError(await server.post('users/followers', { userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '27fa5435-88ab-43de-9360-387de88727cd');
    assertError(await server.post('users/following', { userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '63e4aba4-4156-4e53-be25-c9559e42d71b');
    assertError(await server.post('users/followers', {}), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    await ok(server, 'i/update', alice.token, { followersVisibility: 'private', followingVisibility: 'followers' });
    assertError(await server.post('users/followers', { i: bob.token, userId: alice.id }), 400, 'FORBIDDEN', '3c6a84db-d619-26af-ca14-06232a21df8a');
    assert.equal((await server.post('users/followers', { i: alice.token, userId: alice.id })).status, 200);
    assert.equal((await server.post('users/following', { i: bob.token, userId: alice.id })).status, 200);
    assertError(await server.post('users/following', { userId: alice.id }), 400, 'FORBIDDEN', 'f6cdb0df-c19f-ec5c-7dbb-0ba84a1f92ba');
  });

  test('update-memo sets, shows and removes a private memo', async () => {
    await server.api(alice.token).request('users/update-memo', { userId: bob.id, memo: 'met at the park' });
    assert.equal((await server.api(alice.token).request('users/show', { userId: bob.id })).memo, 'met at the park');
    assert.equal((await server.api(carol.token).request('users/show', { userId: bob.id })).memo, null);
    await server.api(alice.token).request('users/update-memo', { userId: bob.id, memo: 'changed' });
    assert.equal((await server.api(alice.token).request('users/show', { userId: bob.id })).memo, 'changed');
    await server.api(alice.token).request('users/update-memo', { userId: bob.id, memo: null });
    assert.equal((await server.api(alice.token).request('users/show', { userId: bob.id })).memo, null);
    assertError(await server.post('users/update-memo', { i: alice.token, userId: 'nosuchuser00', memo: 'x' }), 400, 'NO_SUCH_USER', '6fef56f3-e765-4957-88e5-c6f65329b8a5');
    assertError(await server.post('users/update-memo', { i: alice.token, userId: bob.id }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('users/update-memo', { userId: bob.id, memo: 'x' }), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
  });
});
