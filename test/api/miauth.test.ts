import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { PageClient } from '../web/browser-client.js';

const ids = {
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
  authenticationFailed: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  accessDenied: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e',
};

describe('MiAuth', () => {
  let server: TestServer;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice', 'alice-pw');
  });
  after(() => server.close());

  async function signedInPage(user: TestUser): Promise<PageClient> {
    const page = new PageClient(server.url);
    await page.get('/signin');
    const res = await page.post('/signin', { username: user.username, password: user.password, csrf: page.csrf });
    assert.equal(res.status, 303);
    return page;
  }

  const check = async (session: string) => (await fetch(`${server.url}/api/miauth/${session}/check`, { method: 'POST' })).json() as Promise<any>;

  test('the whole flow: session → accept → check → token with exactly the granted permissions → revoke', async () => {
    const session = randomUUID();
    assert.deepEqual(await check(session), { ok: false });

    const page = await signedInPage(alice);
    const consent = await page.get(`/miauth/${session}?name=My%20App&permission=write:notes,read:account&callback=${encodeURIComponent('https://app.example/cb?x=1')}`);
    assert.equal(consent.status, 200);
    assert.match(consent.html, /<strong>My App<\/strong> wants to access your account/);
    assert.match(consent.html, /Post and delete notes/);
    assert.match(consent.html, /Read your account information/);
    assert.match(consent.headers.get('content-security-policy') ?? '', /form-action 'self' https:\/\/app\.example/);

    const accepted = await page.post(`/miauth/${session}`, {
      csrf: page.csrf, decision: 'accept', name: 'My App', icon: '', callback: 'https://app.example/cb?x=1', permission: 'write:notes,read:account',
    });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.get('location'), `https://app.example/cb?x=1&session=${session}`);

    const result = await check(session);
    assert.equal(result.ok, true);
    assert.equal(result.user.id, alice.id);
    assert.equal(typeof result.token, 'string');
    // The token is handed out once.
    assert.deepEqual(await check(session), { ok: false });

    const app = server.api(result.token);
    assert.equal((await app.request('i', {})).id, alice.id);
    const note = await app.request('notes/create', { text: 'from my app' });
    assert.equal(note.createdNote.text, 'from my app');
    const denied = await server.post('following/create', { i: result.token, userId: alice.id });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.id, ids.permissionDenied);
    const secure = await server.post('i/apps', { i: result.token });
    assert.equal(secure.status, 400);
    assert.equal(secure.body.error.id, ids.accessDenied);

    const tokens = await server.api(alice.token).request('i/apps', {});
    const listed = tokens.find((t) => t.name === 'My App');
    assert.ok(listed);
    assert.deepEqual(listed.permission, ['read:account', 'write:notes']);
    assert.equal(typeof listed.lastUsedAt, 'string');

    await server.api(alice.token).request('i/revoke-token', { tokenId: listed.id });
    const refused = await server.post('i', { i: result.token });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.id, ids.authenticationFailed);
    assert.equal((await server.api(alice.token).request('i/apps', {})).some((t) => t.id === listed.id), false);
  });

  test('Deny issues nothing; the misspelt "permisson" is understood; dangerous callbacks are dropped', async () => {
    const session = randomUUID();
    const page = await signedInPage(alice);
    const consent = await page.get(`/miauth/${session}?name=Spelling&permisson=read:account&callback=javascript:alert(1)`);
    assert.match(consent.html, /Read your account information/);
    assert.doesNotMatch(consent.html, /javascript:/);
    const before = (await server.api(alice.token).request('i/apps', {})).length;
    const denied = await page.post(`/miauth/${session}`, { csrf: page.csrf, decision: 'deny', name: 'Spelling', permission: 'read:account' });
    assert.equal(denied.status, 200);
    assert.match(denied.html, /Access denied/);
    assert.deepEqual(await check(session), { ok: false });
    assert.equal((await server.api(alice.token).request('i/apps', {})).length, before);

    const accepted = await page.post(`/miauth/${session}`, { csrf: page.csrf, decision: 'accept', callback: 'javascript:alert(1)', permission: 'read:account' });
    assert.equal(accepted.status, 200);
    assert.match(accepted.html, /Access granted/);
  });

  test('signed out: the page asks to sign in, and a post without the session cookie or CSRF secret issues nothing', async () => {
    const session = randomUUID();
    const anon = new PageClient(server.url);
    const consent = await anon.get(`/miauth/${session}?name=X&permission=read:account`);
    assert.match(consent.html, /href="\/signin\?next=%2Fmiauth%2F/);
    assert.doesNotMatch(consent.html, /name="decision"/);
    const forged = await anon.post(`/miauth/${session}`, { csrf: anon.csrf, decision: 'accept', permission: 'read:account' });
    assert.equal(forged.status, 403);
    const page = await signedInPage(alice);
    const noCsrf = await page.post(`/miauth/${session}`, { csrf: 'x'.repeat(32), decision: 'accept', permission: 'read:account' });
    assert.equal(noCsrf.status, 403);
    assert.deepEqual(await check(session), { ok: false });
  });

  test('miauth/gen-token issues a session token too (what Misskey\'s page calls)', async () => {
    const session = randomUUID();
    const res = await server.api(alice.token).request('miauth/gen-token', { session, name: 'Gen', permission: ['read:account'] });
    const result = await check(session);
    assert.equal(result.token, res.token);
  });
});

describe('i/apps, i/revoke-token refusals', () => {
  let server: TestServer;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    alice = await server.createUser('alice');
  });
  after(() => server.close());

  test('native token required (anonymous callers too, as Misskey), bad params', async () => {
    const app = (await server.api(alice.token).request('miauth/gen-token', { session: null, name: 'x', permission: ['read:account'] })).token;
    for (const ep of ['i/apps', 'i/revoke-token', 'i/authorized-apps']) {
      for (const i of [undefined, app]) {
        const res = await server.post(ep, { tokenId: 'abc', i });
        assert.equal(res.status, 400, ep);
        assert.equal(res.body.error.id, ids.accessDenied);
      }
    }
    const bad = await server.post('i/revoke-token', { i: alice.token, tokenId: '' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.id, ids.invalidParam);
    const badSort = await server.post('i/apps', { i: alice.token, sort: 'name' });
    assert.equal(badSort.status, 400);
    assert.equal(badSort.body.error.id, ids.invalidParam);
  });

  test('revoking by token secret, and another user\'s token is left alone', async () => {
    const bob = await server.createUser('bob');
    const mine = (await server.api(alice.token).request('miauth/gen-token', { session: null, name: 'a', permission: ['read:account'] })).token;
    const bobs = (await server.api(bob.token).request('miauth/gen-token', { session: null, name: 'b', permission: ['read:account'] })).token;
    await server.api(alice.token).request('i/revoke-token', { token: bobs });
    assert.equal((await server.post('i', { i: bobs })).status, 200);
    const bobTokenId = (await server.api(bob.token).request('i/apps', {}))[0].id;
    await server.api(alice.token).request('i/revoke-token', { tokenId: bobTokenId });
    assert.equal((await server.post('i', { i: bobs })).status, 200);
    await server.api(alice.token).request('i/revoke-token', { token: mine });
    assert.equal((await server.post('i', { i: mine })).status, 401);
  });
});

describe('Settings > API page', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    await server.createUser('alice', 'alice-pw');
  });
  after(() => server.close());

  test('signed out it sends to sign-in; signed in it issues a token shown once, lists it and revokes it', async () => {
    const page = new PageClient(server.url);
    const anon = await page.get('/settings/api');
    assert.equal(anon.status, 303);
    assert.equal(anon.headers.get('location'), '/signin?next=%2Fsettings%2Fapi');
    await page.get('/signin');
    await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: page.csrf });

    const settings = await page.get('/settings/api');
    assert.equal(settings.status, 200);
    // Administrator permissions are not offered to a normal user.
    assert.doesNotMatch(settings.html, /read:admin:/);
    const issued = await page.post('/settings/api/tokens', { csrf: page.csrf, name: 'Bot', permission: ['read:account', 'read:admin:meta', 'bogus'] });
    const token = /id="new-token">([A-Za-z0-9]+)</.exec(issued.html)?.[1];
    assert.ok(token);
    assert.equal((await server.api(token).request('i', {})).username, 'alice');
    const again = await page.get('/settings/api');
    assert.equal(again.html.includes(token), false);
    const row = await server.api(page.cookies.get('tsubame_token')!).request('i/apps', {});
    assert.deepEqual(row.map((t) => [t.name, t.permission]), [['Bot', ['read:account']]]);

    const forged = await page.post(`/settings/api/tokens/${row[0].id}/revoke`, { csrf: 'nope' });
    assert.equal(forged.status, 403);
    assert.equal((await server.post('i', { i: token })).status, 200);
    const revoked = await page.post(`/settings/api/tokens/${row[0].id}/revoke`, { csrf: page.csrf });
    assert.equal(revoked.status, 303);
    assert.equal((await server.post('i', { i: token })).status, 401);
  });

  test('a nameless token is refused', async () => {
    const page = new PageClient(server.url);
    await page.get('/signin');
    await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: page.csrf });
    const res = await page.post('/settings/api/tokens', { csrf: page.csrf, name: ' ', permission: 'read:account' });
    assert.equal(res.status, 400);
    assert.match(res.html, /Give the token a name/);
  });
});
