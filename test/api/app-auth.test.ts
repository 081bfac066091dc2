import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { PageClient } from '../web/browser-client.js';

const ids = {
  showNoSuchApp: 'dce83913-2dc6-4093-8a7b-71dbb11718a3',
  generateNoSuchApp: '92f93e63-428e-4f2f-a5a4-39e1407fe998',
  showNoSuchSession: 'bd72c97d-eba7-4adb-a467-f171b8847250',
  userkeyNoSuchApp: 'fcab192a-2c5a-43b7-8ad8-9b7054d8d40d',
  userkeyNoSuchSession: '5b5a1503-8bc8-4bd0-8054-dc189e8cdcb3',
  pending: '8c8a4145-02cc-4cca-8e66-29ba60445a8e',
  acceptNoSuchSession: '9c72d8de-391a-43c1-9d06-08d29efde8df',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  accessDenied: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e',
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('legacy app authentication', () => {
  let server: TestServer;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice', 'alice-pw');
  });
  after(() => server.close());

  async function createApp(callbackUrl: string | null = 'https://legacy.example/done') {
    return server.api(alice.token).request('app/create', { name: 'Legacy', description: 'old', permission: ['account-read', 'write:notes'], callbackUrl });
  }

  test('app/create returns the secret once and rewrites old permission names; app/show and my/apps never show the secret', async () => {
    const app = await createApp();
    assert.equal(typeof app.secret, 'string');
    assert.deepEqual(app.permission, ['read:account', 'write:notes']);
    const shown = await server.api(alice.token).request('app/show', { appId: app.id });
    assert.equal(shown.secret, undefined);
    assert.equal(shown.isAuthorized, false);
    const mine = await server.api(alice.token).request('my/apps', {});
    assert.ok(mine.some((a) => a.id === app.id && a.secret === undefined));
    const anon = await server.post('app/create', { name: 'Anon', description: '', permission: [] });
    assert.equal(anon.status, 200);
    const bad = await server.post('app/create', { name: 'x', description: 'y', permission: 'read:account' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.id, ids.invalidParam);
    const missing = await server.post('app/show', { appId: 'nosuchapp' });
    assert.equal(missing.body.error.id, ids.showNoSuchApp);
  });

  test('the whole flow: generate → consent page → userkey → sha256(token + secret) works with the app\'s permissions', async () => {
    const app = await createApp();
    const { token, url } = await server.api().request('auth/session/generate', { appSecret: app.secret! });
    assert.equal(url, `${server.url}/auth/${token}`);
    const shown = await server.api().request('auth/session/show', { token });
    assert.equal(shown.app.name, 'Legacy');

    const pending = await server.post('auth/session/userkey', { appSecret: app.secret, token });
    assert.equal(pending.body.error.id, ids.pending);

    const page = new PageClient(server.url);
    await page.get('/signin');
    await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: page.csrf });
    const consent = await page.get(`/auth/${token}`);
    assert.match(consent.html, /<strong>Legacy<\/strong> wants to access your account/);
    assert.match(consent.html, /Read your account information/);
    const accepted = await page.post(`/auth/${token}`, { csrf: page.csrf, decision: 'accept' });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.get('location'), `https://legacy.example/done?token=${token}`);

    const wrongSecret = await server.post('auth/session/userkey', { appSecret: 'nope', token });
    assert.equal(wrongSecret.body.error.id, ids.userkeyNoSuchApp);
    const key = await server.api().request('auth/session/userkey', { appSecret: app.secret!, token });
    assert.equal(key.user.id, alice.id);
    const again = await server.post('auth/session/userkey', { appSecret: app.secret, token });
    assert.equal(again.body.error.id, ids.userkeyNoSuchSession);

    const i = sha256(key.accessToken + app.secret);
    assert.equal((await server.api(i).request('i', {})).id, alice.id);
    // The token itself is not a credential; only the hash with the secret is.
    assert.equal((await server.post('i', { i: key.accessToken })).status, 401);
    const denied = await server.post('following/create', { i, userId: alice.id });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.id, ids.permissionDenied);

    const authorized = await server.api(alice.token).request('i/authorized-apps', {});
    assert.deepEqual(authorized.map((a) => [a.id, a.isAuthorized]), [[app.id, true]]);
    const revoke = await page.post(`/settings/api/apps/${app.id}/revoke`, { csrf: page.csrf });
    assert.equal(revoke.status, 303);
    assert.equal((await server.post('i', { i })).status, 401);
    assert.deepEqual(await server.api(alice.token).request('i/authorized-apps', {}), []);
  });

  test('auth/accept through the API (native token only); unknown sessions and apps', async () => {
    const app = await createApp(null);
    const { token } = await server.api().request('auth/session/generate', { appSecret: app.secret! });
    const appToken = (await server.api(alice.token).request('miauth/gen-token', { session: null, permission: ['read:account'] })).token;
    const viaApp = await server.post('auth/accept', { i: appToken, token });
    assert.equal(viaApp.status, 400);
    assert.equal(viaApp.body.error.id, ids.accessDenied);
    await server.api(alice.token).request('auth/accept', { token });
    const twice = await server.post('auth/accept', { i: alice.token, token });
    assert.equal(twice.body.error.id, ids.acceptNoSuchSession);
    const key = await server.api().request('auth/session/userkey', { appSecret: app.secret!, token });
    assert.equal(key.accessToken.length, 32);

    assert.equal((await server.post('auth/session/generate', { appSecret: 'nope' })).body.error.id, ids.generateNoSuchApp);
    assert.equal((await server.post('auth/session/show', { token: 'nope' })).body.error.id, ids.showNoSuchSession);
    assert.equal((await server.post('auth/accept', { i: alice.token, token: 'nope' })).body.error.id, ids.acceptNoSuchSession);
    const page = await new PageClient(server.url).get('/auth/nope');
    assert.equal(page.status, 404);
  });

  test('Deny on the consent page accepts nothing', async () => {
    const app = await createApp();
    const { token } = await server.api().request('auth/session/generate', { appSecret: app.secret! });
    const page = new PageClient(server.url);
    await page.get('/signin');
    await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: page.csrf });
    const denied = await page.post(`/auth/${token}`, { csrf: page.csrf, decision: 'deny' });
    assert.match(denied.html, /Access denied/);
    assert.equal((await server.post('auth/session/userkey', { appSecret: app.secret, token })).body.error.id, ids.pending);
  });
});
