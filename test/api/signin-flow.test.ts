import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import bcrypt from 'bcryptjs';
import type { entities } from 'misskey-js';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { setUser } from '../support/users.js';

const ids = {
  noSuchUser: '6cc579cc-885d-43d8-95c2-b8c7fc963280',
  suspended: 'e03a5f46-d309-4865-9b69-56282d94e1eb',
  wrongPassword: '932c904e-9460-45b7-9ce6-7ed33be7eb2c',
  tooMany: '22d05606-fbcf-421a-a2db-b32610dcfd1b',
};

describe('POST /api/signin-flow', () => {
  let server: TestServer;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice', 'secret-pw');
  });
  after(() => server.close());

  test('the right password returns {finished, id, i} with a native token, records it and emits signin.succeeded', async () => {
    const fired = new Promise<{ userId: string }>((resolve) => server.instance.svc.events.on('signin.succeeded', resolve));
    const streamed = new Promise<any>((resolve) => {
      const off = server.instance.svc.bus.subscribe(`main:${alice.id}`, (message) => {
        if (message.type !== 'signin') return;
        off();
        resolve(message.body);
      });
    });
    const raw = await server.post('signin-flow', { username: 'ALICE', password: 'secret-pw' });
    assert.equal(raw.status, 200);
    const res = raw.body as entities.SigninFlowResponse;
    assert.equal(res.finished, true);
    if (!res.finished) return;
    assert.equal(res.id, alice.id);
    assert.equal(res.i.length, 16);
    assert.equal((await fired).userId, alice.id);
    const signin = await streamed;
    assert.equal(signin.success, true);
    assert.equal(typeof signin.createdAt, 'string');
    // The returned token is native: secure endpoints accept it.
    const history = await server.api(res.i).request('i/signin-history', {});
    assert.equal(history[0].success, true);
    assert.equal(typeof history[0].ip, 'string');
  });

  test('a bcrypt hash imported from Misskey signs in once and is upgraded to argon2id', async () => {
    const carol = await server.createUser('carol', 'unused');
    const db = server.instance.svc.database.db;
    // Fixture: the row an import of a Misskey account leaves behind.
    await db.updateTable('user_profile').set({ password: bcrypt.hashSync('misskey-pw', 8) }).where('userId', '=', carol.id).execute();
    const wrong = await server.post('signin-flow', { username: 'carol', password: 'nope' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.id, ids.wrongPassword);
    const ok = await server.post('signin-flow', { username: 'carol', password: 'misskey-pw' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.finished, true);
    const row = await db.selectFrom('user_profile').select('password').where('userId', '=', carol.id).executeTakeFirstOrThrow();
    assert.match(row.password ?? '', /^\$argon2id\$/);
    assert.equal((await server.post('signin-flow', { username: 'carol', password: 'misskey-pw' })).status, 200);
  });

  test('a sign-in token stops working when its session expires', async () => {
    const token = (await server.post('signin-flow', { username: 'alice', password: 'secret-pw' })).body.i;
    assert.equal((await server.post('i', { i: token })).status, 200);
    await server.instance.svc.database.db.updateTable('login_session').set({ expiresAt: Date.now() - 1 }).where('userId', '=', alice.id).execute();
    const res = await server.post('i', { i: token });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'AUTHENTICATION_FAILED');
    // The account's own native token is not a session and keeps working.
    assert.equal((await server.post('i', { i: alice.token })).status, 200);
  });

  test('without a password it asks for the next step', async () => {
    const res = await server.post('signin-flow', { username: 'alice' });
    assert.deepEqual(res.body, { finished: false, next: 'captcha' });
  });

  test('malformed attempts are a bare 400', async () => {
    assert.equal((await server.post('signin-flow', {})).status, 400);
    assert.equal((await server.post('signin-flow', { username: 'alice', password: 1 })).status, 400);
    assert.equal((await server.post('signin-flow', { username: { $ne: null }, password: 'x' })).status, 400);
  });

  test('wrong password is 403 with only the id, and is recorded as a failure', async () => {
    const res = await server.post('signin-flow', { username: 'alice', password: 'nope' });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: { id: ids.wrongPassword } });
    const history = await server.api(alice.token).request('i/signin-history', { limit: 1 });
    assert.equal(history[0].success, false);
  });

  test('unknown user is 404, suspended user 403', async () => {
    const res = await server.post('signin-flow', { username: 'nobody', password: 'x' });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: { id: ids.noSuchUser } });
    const bob = await server.createUser('bob');
    await setUser(server, bob.id, { isSuspended: true });
    const suspended = await server.post('signin-flow', { username: 'bob', password: 'password' });
    assert.equal(suspended.status, 403);
    assert.deepEqual(suspended.body, { error: { id: ids.suspended } });
  });
});

describe('signin-flow failure limit', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    await server.createUser('alice', 'secret-pw');
  });
  after(() => server.close());

  test('after 10 failures in an hour the address is refused with 429, even with the right password', async () => {
    for (let i = 0; i < 10; i++) await server.post('signin-flow', { username: 'alice', password: 'wrong' });
    const res = await server.post('signin-flow', { username: 'alice', password: 'secret-pw' });
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, 'TOO_MANY_AUTHENTICATION_FAILURES');
    assert.equal(res.body.error.id, ids.tooMany);
  });
});
