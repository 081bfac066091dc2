import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';
import { PageClient } from './browser-client.js';

describe('sign-in, sign-up and sign-out pages', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await server.createUser('admin');
    await server.createUser('alice', 'alice-pw');
  });
  after(() => server.close());

  test('the sign-in page has a form with a CSRF field and a strict CSP', async () => {
    const page = new PageClient(server.url);
    const res = await page.get('/signin');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'.*form-action 'self'/);
    assert.match(res.html, /<form method="post" action="\/signin">/);
    assert.ok(page.csrf.length === 32);
    assert.ok(res.html.includes(`name="csrf" value="${page.csrf}"`));
  });

  test('a post without the CSRF secret is refused and signs nobody in', async () => {
    const page = new PageClient(server.url);
    await page.get('/signin');
    const res = await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: 'x'.repeat(32) });
    assert.equal(res.status, 403);
    assert.equal(page.cookies.has('tsubame_token'), false);
  });

  test('wrong password shows an error; the right one signs in and goes to next', async () => {
    const page = new PageClient(server.url);
    await page.get('/signin');
    const wrong = await page.post('/signin', { username: 'alice', password: 'nope', csrf: page.csrf, next: '/settings/api' });
    assert.equal(wrong.status, 403);
    assert.match(wrong.html, /Wrong username or password/);
    const ok = await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: page.csrf, next: '//evil.example/' });
    assert.equal(ok.status, 303);
    // An off-site `next` is ignored.
    assert.equal(ok.headers.get('location'), '/settings/api');
    const token = page.cookies.get('tsubame_token')!;
    assert.equal((await server.api(token).request('i', {})).username, 'alice');

    const out = await page.post('/signout', { csrf: page.csrf });
    assert.equal(out.status, 303);
    assert.equal(page.cookies.has('tsubame_token'), false);
    // The session's token no longer works.
    const res = await server.post('i', { i: token });
    assert.equal(res.status, 401);
  });

  test('sign-up creates an account and signs it in; errors are shown', async () => {
    const page = new PageClient(server.url);
    await page.get('/signup');
    const bad = await page.post('/signup', { username: 'alice', password: 'pw', csrf: page.csrf });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /already taken/);
    const ok = await page.post('/signup', { username: 'carol', password: 'carol-pw', csrf: page.csrf });
    assert.equal(ok.status, 303);
    const me = await server.api(page.cookies.get('tsubame_token')!).request('i', {});
    assert.equal(me.username, 'carol');
  });
});
