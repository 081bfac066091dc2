import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';

describe('following/*', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  const counts = async (user: TestUser) => {
    const u = await server.api(user.token).request('users/show', { userId: user.id });
    return [u.followingCount, u.followersCount];
  };

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
  });
  after(() => server.close());

  test('following/create follows, returns the followee and moves both counters', async () => {
    const res = await server.api(alice.token).request('following/create', { userId: bob.id });
    assert.equal(res.id, bob.id);
    assert.equal(res.username, 'bob');
    assert.deepEqual(await counts(alice), [1, 0]);
    assert.deepEqual(await counts(bob), [0, 1]);
    const rel = await server.api(alice.token).request('users/relation', { userId: bob.id });
    assert.equal((rel as any).isFollowing, true);
    const seen = await server.api(bob.token).request('users/show', { userId: alice.id });
    assert.equal((seen as any).isFollowed, true);
  });

  test('following/create errors: already following, yourself, unknown user, bad id, no credential, no permission', async () => {
    assertError(await server.post('following/create', { i: alice.token, userId: bob.id }), 400, 'ALREADY_FOLLOWING', '35387507-38c7-4cb9-9197-300b93783fa0');
    assertError(await server.post('following/create', { i: alice.token, userId: alice.id }), 400, 'FOLLOWEE_IS_YOURSELF', '26fbe7bb-a331-4857-af17-205b426669a9');
    assertError(await server.post('following/create', { i: alice.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5');
    assertError(await server.post('following/create', { i: alice.token, userId: 'bad-id' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    assertError(await server.post('following/create', { userId: carol.id }), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    const readOnly = await appToken(server, alice.token, ['read:following']);
    assertError(await server.post('following/create', { i: readOnly, userId: carol.id }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
    assert.deepEqual(await counts(alice), [1, 0]);
  });

  test('following/update and update-all change notify and withReplies', async () => {
    await server.api(alice.token).request('following/update', { userId: bob.id, notify: 'normal', withReplies: true });
    let seen = await server.api(alice.token).request('users/show', { userId: bob.id });
    assert.equal((seen as any).notify, 'normal');
    assert.equal((seen as any).withReplies, true);
    await server.api(alice.token).request('following/update-all', { withReplies: false });
    seen = await server.api(alice.token).request('users/show', { userId: bob.id });
    assert.equal((seen as any).withReplies, false);
    assert.equal((seen as any).notify, 'normal');
    assertError(await server.post('following/update', { i: alice.token, userId: carol.id }), 400, 'NOT_FOLLOWING', 'b8dc75cf-1cb5-46c9-b14b-5f1ffbd782c9');
    assertError(await server.post('following/update', { i: alice.token, userId: alice.id }), 400, 'FOLLOWEE_IS_YOURSELF', '4c4cbaf9-962a-463b-8418-a5e365dbf2eb');
    assertError(await server.post('following/update', { i: alice.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '14318698-f67e-492a-99da-5353a5ac52be');
    assertError(await server.post('following/update', { i: alice.token, userId: bob.id, notify: 'loud' }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });

  test('following/delete unfollows and restores the counters', async () => {
    const res = await server.api(alice.token).request('following/delete', { userId: bob.id });
    assert.equal(res.id, bob.id);
    assert.deepEqual(await counts(alice), [0, 0]);
    assert.deepEqual(await counts(bob), [0, 0]);
    assertError(await server.post('following/delete', { i: alice.token, userId: bob.id }), 400, 'NOT_FOLLOWING', '5dbf82f5-c92b-40b1-87d1-6c8c0741fd09');
    assertError(await server.post('following/delete', { i: alice.token, userId: alice.id }), 400, 'FOLLOWEE_IS_YOURSELF', 'd9e400b9-36b0-4808-b1d8-79e707f1296c');
    assertError(await server.post('following/delete', { i: alice.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '5b12c78d-2b28-4dca-99d2-f56139b42ff8');
  });

  test('following/invalidate removes a follower', async () => {
    await ok(server, 'following/create', carol.token, { userId: alice.id });
    const res = await server.api(alice.token).request('following/invalidate', { userId: carol.id });
    assert.equal(res.id, alice.id);
    assert.deepEqual(await counts(carol), [0, 0]);
    assertError(await server.post('following/invalidate', { i: alice.token, userId: carol.id }), 400, 'NOT_FOLLOWING', '5dbf82f5-c92b-40b1-87d1-6c8c0741fd09');
    assertError(await server.post('following/invalidate', { i: alice.token, userId: alice.id }), 400, 'FOLLOWER_IS_YOURSELF', '07dc03b9-03da-422d-885b-438313707662');
    assertError(await server.post('following/invalidate', { i: alice.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '5b12c78d-2b28-4dca-99d2-f56139b42ff8');
  });

  describe('follow requests for a locked account', () => {
    let locked: TestUser;
    before(async () => {
      locked = await server.createUser('locked');
      await ok(server, 'i/update', locked.token, { isLocked: true });
    });

    test('following a locked account files a request instead', async () => {
      await server.api(alice.token).request('following/create', { userId: locked.id });
      assert.deepEqual(await counts(alice), [0, 0]);
      const sent = await server.api(alice.token).request('following/requests/sent', {});
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.followee.id, locked.id);
      assert.equal(sent[0]!.follower.id, alice.id);
      const received = await server.api(locked.token).request('following/requests/list', {});
      assert.deepEqual(received.map((r) => r.follower.id), [alice.id]);
      const rel = await server.api(alice.token).request('users/relation', { userId: locked.id });
      assert.equal((rel as any).hasPendingFollowRequestFromYou, true);
      assertError(await server.post('following/requests/list', { i: locked.token, limit: 0 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
    });

    test('accept turns the request into a follow', async () => {
      await server.api(locked.token).request('following/requests/accept', { userId: alice.id });
      assert.deepEqual(await counts(alice), [1, 0]);
      assert.deepEqual(await server.api(locked.token).request('following/requests/list', {}), []);
      assertError(await server.post('following/requests/accept', { i: locked.token, userId: alice.id }), 400, 'NO_FOLLOW_REQUEST', 'bcde4f8b-0913-4614-8881-614e522fb041');
      assertError(await server.post('following/requests/accept', { i: locked.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '66ce1645-d66c-46bb-8b79-96739af885bd');
    });

    test('a locked account auto-accepts people it follows', async () => {
      await ok(server, 'following/create', locked.token, { userId: carol.id });
      await server.api(carol.token).request('following/create', { userId: locked.id });
      assert.equal((await counts(carol))[0], 1);
    });

    test('reject drops the request; cancel withdraws one', async () => {
      await ok(server, 'following/create', bob.token, { userId: locked.id });
      await server.api(locked.token).request('following/requests/reject', { userId: bob.id });
      assert.deepEqual(await server.api(bob.token).request('following/requests/sent', {}), []);
      assertError(await server.post('following/requests/reject', { i: locked.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', 'abc2ffa6-25b2-4380-ba99-321ff3a94555');

      await ok(server, 'following/create', bob.token, { userId: locked.id });
      const res = await server.api(bob.token).request('following/requests/cancel', { userId: locked.id });
      assert.equal(res.id, locked.id);
      assert.deepEqual(await server.api(locked.token).request('following/requests/list', {}), []);
      assertError(await server.post('following/requests/cancel', { i: bob.token, userId: locked.id }), 400, 'FOLLOW_REQUEST_NOT_FOUND', '089b125b-d338-482a-9a09-e2622ac9f8d4');
      assertError(await server.post('following/requests/cancel', { i: bob.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '4e68c551-fc4c-4e46-bb41-7d4a37bf9dab');
    });
  });
});
