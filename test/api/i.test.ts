import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

describe('i', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('returns MeDetailed with Misskey defaults', async () => {
    const user = await server.createUser('alice');
    const me = await server.api(user.token).request('i', {});
    assert.equal(me.id, user.id);
    assert.equal(me.username, 'alice');
    assert.equal(me.host, null);
    assert.equal(me.isAdmin, true, 'the first account is the administrator');
    assert.equal(me.followersCount, 0);
    assert.deepEqual(me.mutedWords, []);
    assert.equal(me.policies.driveCapacityMb, 100);
    assert.equal(me.onlineStatus, 'unknown');
    assert.match(me.avatarUrl, /\/identicon\//);
    assert.equal(typeof me.createdAt, 'string');
    assert.ok(!Number.isNaN(Date.parse(me.createdAt)));
  });

  test('a second account is not an administrator', async () => {
    const bob = await server.createUser('bob');
    const me = await server.api(bob.token).request('i', {});
    assert.equal(me.isAdmin, false);
    assert.equal(me.isModerator, false);
  });
});
