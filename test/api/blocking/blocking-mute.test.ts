import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';

const INVALID_PARAM = '3d81ceae-475f-4600-b2a8-2bc116157532';
const PERMISSION_DENIED = '1370e5b7-d4eb-4566-bb1d-7748ee6a1838';

describe('blocking, mute and renote-mute', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  const relation = async (me: TestUser, other: TestUser) => (await server.api(me.token).request('users/relation', { userId: other.id })) as any;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
    bob = await server.createUser('bob');
    carol = await server.createUser('carol');
  });
  after(() => server.close());

  describe('blocking', () => {
    test('blocking/create removes follows both ways, their counters and list memberships', async () => {
      await ok(server, 'following/create', alice.token, { userId: bob.id });
      await ok(server, 'following/create', bob.token, { userId: alice.id });
      const list = await ok(server, 'users/lists/create', bob.token, { name: 'friends' });
      await ok(server, 'users/lists/push', bob.token, { listId: list.id, userId: alice.id });

      const blockee = await server.api(alice.token).request('blocking/create', { userId: bob.id });
      assert.equal(blockee.id, bob.id);
      assert.equal((blockee as any).isBlocking, true);
      assert.equal((blockee as any).isFollowing, false);
      const r = await relation(alice, bob);
      assert.deepEqual([r.isFollowing, r.isFollowed, r.isBlocking], [false, false, true]);
      assert.equal((await relation(bob, alice)).isBlocked, true);
      const a = await server.api(alice.token).request('users/show', { userId: alice.id });
      assert.deepEqual([a.followingCount, a.followersCount], [0, 0]);
      const shown = await server.api(bob.token).request('users/lists/show', { listId: list.id });
      assert.deepEqual(shown.userIds, []);
    });

    test('a blocked user cannot follow, and the blocker cannot follow either', async () => {
      assertError(await server.post('following/create', { i: bob.token, userId: alice.id }), 400, 'BLOCKED', 'c4ab57cc-4e41-45e9-bfd9-584f61e35ce0');
      assertError(await server.post('following/create', { i: alice.token, userId: bob.id }), 400, 'BLOCKING', '4e2206ec-aa4f-4960-b865-6c23ac38e2d9');
    });

    test('blocking/create errors', async () => {
      assertError(await server.post('blocking/create', { i: alice.token, userId: bob.id }), 400, 'ALREADY_BLOCKING', '787fed64-acb9-464a-82eb-afbd745b9614');
      assertError(await server.post('blocking/create', { i: alice.token, userId: alice.id }), 400, 'BLOCKEE_IS_YOURSELF', '88b19138-f28d-42c0-8499-6a31bbd0fdc6');
      assertError(await server.post('blocking/create', { i: alice.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '7cc4f851-e2f1-4621-9633-ec9e1d00c01e');
      assertError(await server.post('blocking/create', { i: alice.token }), 400, 'INVALID_PARAM', INVALID_PARAM);
      const readOnly = await appToken(server, alice.token, ['read:blocks']);
      assertError(await server.post('blocking/create', { i: readOnly, userId: carol.id }), 403, 'PERMISSION_DENIED', PERMISSION_DENIED);
      assert.equal((await relation(alice, carol)).isBlocking, false);
    });

    test('blocking/list pages the blocks', async () => {
      await ok(server, 'blocking/create', alice.token, { userId: carol.id });
      const all = await server.api(alice.token).request('blocking/list', {});
      assert.deepEqual(all.map((b) => b.blockeeId), [carol.id, bob.id]);
      assert.equal(all[0]!.blockee.username, 'carol');
      const older = await server.api(alice.token).request('blocking/list', { untilId: all[0]!.id });
      assert.deepEqual(older.map((b) => b.blockeeId), [bob.id]);
      const newer = await server.api(alice.token).request('blocking/list', { sinceId: all[1]!.id });
      assert.deepEqual(newer.map((b) => b.blockeeId), [carol.id]);
      assertError(await server.post('blocking/list', { i: alice.token, limit: 101 }), 400, 'INVALID_PARAM', INVALID_PARAM);
    });

    test('blocking/delete unblocks', async () => {
      const res = await server.api(alice.token).request('blocking/delete', { userId: carol.id });
      assert.equal(res.id, carol.id);
      assert.equal((await relation(alice, carol)).isBlocking, false);
      assertError(await server.post('blocking/delete', { i: alice.token, userId: carol.id }), 400, 'NOT_BLOCKING', '291b2efa-60c6-45c0-9f6a-045c8f9b02cd');
      assertError(await server.post('blocking/delete', { i: alice.token, userId: alice.id }), 400, 'BLOCKEE_IS_YOURSELF', '06f6fac6-524b-473c-a354-e97a40ae6eac');
      assertError(await server.post('blocking/delete', { i: alice.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '8621d8bf-c358-4303-a066-5ea78610eb3f');
    });
  });

  describe('mute', () => {
    test('mute/create, list and delete', async () => {
      await server.api(carol.token).request('mute/create', { userId: alice.id });
      assert.equal((await relation(carol, alice)).isMuted, true);
      const list = await server.api(carol.token).request('mute/list', {});
      assert.equal(list.length, 1);
      assert.equal(list[0]!.muteeId, alice.id);
      assert.equal(list[0]!.expiresAt, null);
      assertError(await server.post('mute/create', { i: carol.token, userId: alice.id }), 400, 'ALREADY_MUTING', '7e7359cb-160c-4956-b08f-4d1c653cd007');
      assertError(await server.post('mute/create', { i: carol.token, userId: carol.id }), 400, 'MUTEE_IS_YOURSELF', 'a4619cb2-5f23-484b-9301-94c903074e10');
      assertError(await server.post('mute/create', { i: carol.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '6fef56f3-e765-4957-88e5-c6f65329b8a5');
      assertError(await server.post('mute/create', { i: carol.token, userId: bob.id, expiresAt: 'soon' }), 400, 'INVALID_PARAM', INVALID_PARAM);

      await server.api(carol.token).request('mute/delete', { userId: alice.id });
      assert.equal((await relation(carol, alice)).isMuted, false);
      assertError(await server.post('mute/delete', { i: carol.token, userId: alice.id }), 400, 'NOT_MUTING', '5467d020-daa9-4553-81e1-135c0c35a96d');
      assertError(await server.post('mute/delete', { i: carol.token, userId: carol.id }), 400, 'MUTEE_IS_YOURSELF', 'f428b029-6b39-4d48-a1d2-cc1ae6dd5cf9');
      assertError(await server.post('mute/delete', { i: carol.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', 'b851d00b-8ab1-4a56-8b1b-e24187cb48ef');
    });

    test('a mute with an expiry stops applying once it has passed', async () => {
      const soon = Date.now() + 60 * 60 * 1000;
      await server.api(carol.token).request('mute/create', { userId: bob.id, expiresAt: soon });
      const list = await server.api(carol.token).request('mute/list', {});
      assert.equal(list[0]!.expiresAt, new Date(soon).toISOString());
      assert.equal((await relation(carol, bob)).isMuted, true);
      // Move the stored expiry into the past, as time passing would.
      await server.instance.svc.database.db.updateTable('muting').set({ expiresAt: Date.now() - 1 }).where('muteeId', '=', bob.id).execute();
      assert.equal((await relation(carol, bob)).isMuted, false);
      // An expired mute can be replaced.
      await server.api(carol.token).request('mute/create', { userId: bob.id });
      assert.equal((await relation(carol, bob)).isMuted, true);
    });

    test('mute/list needs read:mutes', async () => {
      const token = await appToken(server, carol.token, ['read:account']);
      assertError(await server.post('mute/list', { i: token }), 403, 'PERMISSION_DENIED', PERMISSION_DENIED);
    });
  });

  describe('renote-mute', () => {
    test('renote-mute/create, list and delete', async () => {
      await server.api(bob.token).request('renote-mute/create', { userId: carol.id });
      assert.equal((await relation(bob, carol)).isRenoteMuted, true);
      const list = await server.api(bob.token).request('renote-mute/list', {});
      assert.deepEqual(list.map((m) => m.muteeId), [carol.id]);
      assertError(await server.post('renote-mute/create', { i: bob.token, userId: carol.id }), 400, 'ALREADY_MUTING', 'ccfecbe4-1f1c-4fc2-8a3d-c3ffee61cb7b');
      assertError(await server.post('renote-mute/create', { i: bob.token, userId: bob.id }), 400, 'MUTEE_IS_YOURSELF', '37285718-52f7-4aef-b7de-c38b8e8a8420');
      assertError(await server.post('renote-mute/create', { i: bob.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '5e0a5dff-1e94-4202-87ae-4d9c89eb2271');

      await server.api(bob.token).request('renote-mute/delete', { userId: carol.id });
      assert.equal((await relation(bob, carol)).isRenoteMuted, false);
      assertError(await server.post('renote-mute/delete', { i: bob.token, userId: carol.id }), 400, 'NOT_MUTING', '2e4ef874-8bf0-4b4b-b069-4598f6d05817');
      assertError(await server.post('renote-mute/delete', { i: bob.token, userId: bob.id }), 400, 'MUTEE_IS_YOURSELF', '619b1314-0850-4597-a242-e245f3da42af');
      assertError(await server.post('renote-mute/delete', { i: bob.token, userId: 'nosuchuser00' }), 400, 'NO_SUCH_USER', '9b6728cf-638c-4aa1-bedb-e07d8101474d');
      assertError(await server.post('renote-mute/create', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    });
  });
});
