import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';
import { appToken, assertError, ok } from '../../support/social.js';
import { setUser } from '../../support/users.js';

const DAY = 24 * 60 * 60 * 1000;

describe('users/recommendation', () => {
  let server: TestServer;
  let me: TestUser;
  const u: Record<string, TestUser> = {};

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    me = await server.createUser('me');
    for (const name of ['popular', 'middle', 'quiet', 'followed', 'muted', 'blocked', 'blocker', 'locked', 'hidden', 'suspended', 'stale', 'never']) {
      u[name] = await server.createUser(name);
    }
    const now = Date.now();
    // Every candidate was updated recently except `stale` (8 days ago) and `never` (never updated).
    for (const [name, user] of Object.entries(u)) if (name !== 'never') await setUser(server, user.id, { updatedAt: name === 'stale' ? now - 8 * DAY : now - DAY });
    await setUser(server, me.id, { updatedAt: now });
    await setUser(server, u.popular!.id, { followersCount: 30 });
    await setUser(server, u.middle!.id, { followersCount: 20 });
    await setUser(server, u.quiet!.id, { followersCount: 10 });
    await setUser(server, u.locked!.id, { isLocked: true });
    await setUser(server, u.hidden!.id, { isExplorable: false });
    await setUser(server, u.suspended!.id, { isSuspended: true });
    await ok(server, 'following/create', me.token, { userId: u.followed!.id });
    await ok(server, 'mute/create', me.token, { userId: u.muted!.id });
    await ok(server, 'blocking/create', me.token, { userId: u.blocked!.id });
    await ok(server, 'blocking/create', u.blocker!.token, { userId: me.id });
  });
  after(() => server.close());

  test('recently updated local users, most followed first, without me, followed, muted, blocked, locked, hidden, suspended or stale users', async () => {
    const found = await server.api(me.token).request('users/recommendation', {});
    assert.deepEqual(found.slice(0, 3).map((x) => x.username), ['popular', 'middle', 'quiet']);
    const names = found.map((x) => x.username);
    for (const excluded of ['me', 'followed', 'muted', 'blocked', 'blocker', 'locked', 'hidden', 'suspended', 'stale', 'never']) assert.ok(!names.includes(excluded), excluded);
    assert.equal(typeof found[0]!.followersCount, 'number');
  });

  test('limit and offset page through the ranking', async () => {
    const api = server.api(me.token);
    const first = await api.request('users/recommendation', { limit: 2 });
    const second = await api.request('users/recommendation', { limit: 2, offset: 2 });
    assert.deepEqual([...first, ...second].map((x) => x.username).slice(0, 3), ['popular', 'middle', 'quiet']);
  });

  test('errors: credential, permission, validation', async () => {
    assertError(await server.post('users/recommendation', {}), 401, 'CREDENTIAL_REQUIRED', '1384574d-a912-4b81-8601-c7b1c4085df1');
    const token = await appToken(server, me.token, ['write:account']);
    assertError(await server.post('users/recommendation', { i: token }), 403, 'PERMISSION_DENIED', '1370e5b7-d4eb-4566-bb1d-7748ee6a1838');
    assert.equal((await server.post('users/recommendation', { i: await appToken(server, me.token, ['read:account']) })).status, 200);
    assertError(await server.post('users/recommendation', { i: me.token, limit: 0 }), 400, 'INVALID_PARAM', '3d81ceae-475f-4600-b2a8-2bc116157532');
  });
});
