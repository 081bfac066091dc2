import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../../support/server.js';

const ids = {
  incorrectPassword: 'e54c1d7e-e7d6-4103-86b6-0a95069b4ad3',
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
  accessDenied: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e',
  wrongPassword: '932c904e-9460-45b7-9ce6-7ed33be7eb2c',
};

describe('i/change-password, i/regenerate-token, i/delete-account', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
  });
  after(() => server.close());

  const signin = (username: string, password: string) => server.post('signin-flow', { username, password });
  const appToken = async (user: TestUser) =>
    (await server.api(user.token).request('miauth/gen-token', { session: null, name: 'app', permission: ['read:account'] })).token;

  test('refusals: access tokens (secure), wrong password, bad params — and nothing changes', async () => {
    const alice = await server.createUser('alice', 'old-pw');
    const app = await appToken(alice);
    for (const [ep, body] of [
      ['i/change-password', { currentPassword: 'old-pw', newPassword: 'x' }],
      ['i/regenerate-token', { password: 'old-pw' }],
      ['i/delete-account', { password: 'old-pw' }],
    ] as const) {
      const viaApp = await server.post(ep, { ...body, i: app });
      assert.equal(viaApp.status, 400, ep);
      assert.equal(viaApp.body.error.id, ids.accessDenied);
      const wrong = await server.post(ep, { ...body, currentPassword: 'nope', password: 'nope', i: alice.token });
      assert.equal(wrong.status, 400, ep);
      assert.equal(wrong.body.error.code, 'INCORRECT_PASSWORD');
      assert.equal(wrong.body.error.id, ids.incorrectPassword);
    }
    const empty = await server.post('i/change-password', { currentPassword: 'old-pw', newPassword: '', i: alice.token });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.id, ids.invalidParam);
    assert.equal((await signin('alice', 'old-pw')).status, 200);
    assert.equal((await server.post('i', { i: alice.token })).status, 200);
  });

  test('change-password: the new password signs in, the old one no longer does', async () => {
    const bob = await server.createUser('bob', 'old-pw');
    await server.api(bob.token).request('i/change-password', { currentPassword: 'old-pw', newPassword: 'new-pw' });
    assert.equal((await signin('bob', 'new-pw')).status, 200);
    const old = await signin('bob', 'old-pw');
    assert.equal(old.status, 403);
    assert.equal(old.body.error.id, ids.wrongPassword);
  });

  test('regenerate-token: old native token and sign-ins stop working, myTokenRegenerated is published, access tokens stay', async () => {
    const carol = await server.createUser('carol', 'pw');
    const session = (await signin('carol', 'pw')).body.i;
    const app = await appToken(carol);
    const heard = new Promise<unknown>((resolve) => {
      // Other main-stream events (the sign-in's login notification) may come first.
      const off = server.instance.svc.bus.subscribe(`main:${carol.id}`, (message) => {
        if (message.type !== 'myTokenRegenerated') return;
        off();
        resolve(message);
      });
    });
    await server.api(carol.token).request('i/regenerate-token', { password: 'pw' });
    assert.deepEqual(await heard, { type: 'myTokenRegenerated' });
    assert.equal((await server.post('i', { i: carol.token })).status, 401);
    assert.equal((await server.post('i', { i: session })).status, 401);
    assert.equal((await server.post('i', { i: app })).status, 200);
    assert.equal((await signin('carol', 'pw')).status, 200);
  });

  test('delete-account: every token stops working, sign-in fails and the username stays taken', async () => {
    const dave = await server.createUser('dave', 'pw');
    const app = await appToken(dave);
    const deleted = new Promise<{ userId: string }>((resolve) => server.instance.svc.events.on('account.deleted', resolve));
    await server.api(dave.token).request('i/delete-account', { password: 'pw' });
    assert.equal((await deleted).userId, dave.id);
    assert.equal((await server.post('i', { i: dave.token })).status, 401);
    assert.equal((await server.post('i', { i: app })).status, 401);
    assert.equal((await signin('dave', 'pw')).status, 404);
    assert.deepEqual(await server.api().request('username/available', { username: 'dave' }), { available: false });
    const again = await server.post('signup', { username: 'dave', password: 'pw' });
    assert.equal(again.status, 400);
  });
});
