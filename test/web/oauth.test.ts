import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';
import { PageClient } from './browser-client.js';

const permissionDenied = '1370e5b7-d4eb-4566-bb1d-7748ee6a1838';

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('OAuth 2.0 with PKCE', () => {
  let server: TestServer;
  let alice: TestUser;
  let client: http.Server;
  let clientId: string;
  let redirectUri: string;

  before(async () => {
    // The client lives on 127.0.0.1, which the guarded fetch refuses unless allowed.
    server = await startTestServer({ ALLOW_PRIVATE_NETWORK_FETCH: 'true' });
    await server.createUser('admin');
    alice = await server.createUser('alice', 'alice-pw');
    client = http.createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><link rel="redirect_uri" href="/redirect"><div class="h-app"><div class="p-name">Misklient</div></div>');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => client.listen(0, '127.0.0.1', resolve));
    const port = (client.address() as AddressInfo).port;
    clientId = `http://127.0.0.1:${port}/`;
    redirectUri = `http://127.0.0.1:${port}/redirect`;
  });
  after(async () => {
    await new Promise((resolve) => client.close(resolve));
    await server.close();
  });

  function authorizeUrl(params: Record<string, string>): string {
    return `/oauth/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, ...params })}`;
  }

  const meta = (html: string, name: string) => new RegExp(`<meta name="misskey:oauth:${name}" content="([^"]*)">`).exec(html)?.[1];

  async function token(body: Record<string, string>, json = false) {
    const res = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: json ? JSON.stringify(body) : new URLSearchParams(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function decide(transactionId: string, extra: Record<string, string> = {}) {
    return fetch(`${server.url}/oauth/decision`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ transaction_id: transactionId, login_token: alice.token, ...extra }),
      redirect: 'manual',
    });
  }

  test('server metadata', async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    const body = (await res.json()) as any;
    assert.equal(body.issuer, server.url);
    assert.equal(body.token_endpoint, `${server.url}/oauth/token`);
    assert.deepEqual(body.code_challenge_methods_supported, ['S256']);
    assert.ok(body.scopes_supported.includes('write:notes'));
  });

  test('full flow through the consent page: code → token (JSON) → API with exactly the granted scope; reuse revokes', async () => {
    const { verifier, challenge } = pkce();
    const page = new PageClient(server.url);
    await page.get('/signin');
    await page.post('/signin', { username: 'alice', password: 'alice-pw', csrf: page.csrf });
    const consent = await page.get(authorizeUrl({ scope: 'write:notes write:notes bogus', state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256' }));
    assert.equal(consent.status, 200);
    assert.equal(meta(consent.html, 'client-name'), 'Misklient');
    assert.match(consent.html, /Post and delete notes/);
    const transactionId = meta(consent.html, 'transaction-id')!;

    const decision = await page.post('/oauth/decision', { transaction_id: transactionId, csrf: page.csrf });
    assert.equal(decision.status, 302);
    const location = new URL(decision.headers.get('location')!);
    assert.equal(location.origin + location.pathname, redirectUri);
    assert.equal(location.searchParams.get('state'), 'xyz');
    assert.equal(location.searchParams.get('iss'), server.url);
    const code = location.searchParams.get('code')!;

    const granted = await token({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, code, code_verifier: verifier }, true);
    assert.equal(granted.status, 200);
    assert.equal(granted.body.token_type, 'Bearer');
    assert.equal(granted.body.scope, 'write:notes');
    assert.equal(granted.body.access_token.length, 128);
    const note = await server.api(granted.body.access_token).request('notes/create', { text: 'via oauth' });
    assert.equal(note.createdNote.text, 'via oauth');
    const denied = await server.post('i', {}, { Authorization: `Bearer ${granted.body.access_token}` });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.id, permissionDenied);

    const reused = await token({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, code, code_verifier: verifier });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
    assert.equal((await server.post('notes/create', { text: 'x' }, { Authorization: `Bearer ${granted.body.access_token}` })).status, 401);
  });

  test('PKCE is required and verified; a failed verification uses the code up', async () => {
    const attempts: Record<string, string>[] = [{}, { code_challenge: 'c' }, { code_challenge_method: 'S256' }, { code_challenge: 'c', code_challenge_method: 'plain' }];
    for (const params of attempts) {
      const res = await fetch(server.url + authorizeUrl({ scope: 'write:notes', state: 's', ...params }), { redirect: 'manual' });
      assert.equal(res.status, 302);
      assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_request');
    }
    const { verifier, challenge } = pkce();
    const consent = await fetch(server.url + authorizeUrl({ scope: 'read:account', code_challenge: challenge, code_challenge_method: 'S256' }));
    const decision = await decide(meta(await consent.text(), 'transaction-id')!);
    const code = new URL(decision.headers.get('location')!).searchParams.get('code')!;
    const wrong = await token({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, code, code_verifier: verifier + 'x' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    const right = await token({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, code, code_verifier: verifier });
    assert.equal(right.status, 400);
  });

  test('scopes: missing, empty or all unknown → invalid_scope redirect', async () => {
    for (const scope of [undefined, '', 'test:unknown other:unknown']) {
      const params: Record<string, string> = { code_challenge: 'c', code_challenge_method: 'S256', ...(scope === undefined ? {} : { scope }) };
      const res = await fetch(server.url + authorizeUrl(params), { redirect: 'manual' });
      assert.equal(res.status, 302);
      const location = new URL(res.headers.get('location')!);
      assert.equal(location.searchParams.get('error'), 'invalid_scope');
      assert.equal(location.searchParams.get('iss'), server.url);
    }
  });

  test('client_id and redirect_uri problems are answered directly, never redirected', async () => {
    const cases: Record<string, string>[] = [
      { client_id: 'not a url' },
      { client_id: 'ftp://example.com/' },
      { client_id: `${clientId}#frag` },
      { redirect_uri: `${redirectUri}/elsewhere` },
    ];
    for (const c of cases) {
      const res = await fetch(server.url + authorizeUrl({ scope: 'write:notes', code_challenge: 'c', code_challenge_method: 'S256', ...c }), { redirect: 'manual' });
      assert.equal(res.status, 400, JSON.stringify(c));
      assert.equal(((await res.json()) as any).error, 'invalid_request');
    }
  });

  test('cancel redirects with access_denied; decisions need a user; token endpoint refusals', async () => {
    const consent = await fetch(server.url + authorizeUrl({ scope: 'write:notes', state: 's', code_challenge: 'c', code_challenge_method: 'S256' }));
    const transactionId = meta(await consent.text(), 'transaction-id')!;
    const cancelled = await decide(transactionId, { cancel: 'cancel' });
    assert.equal(cancelled.status, 302);
    const location = new URL(cancelled.headers.get('location')!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.has('code'), false);
    // The transaction is used up.
    assert.equal((await decide(transactionId)).status, 403);

    const anon = await fetch(server.url + authorizeUrl({ scope: 'write:notes', code_challenge: 'c', code_challenge_method: 'S256' }));
    const noUser = await decide(meta(await anon.text(), 'transaction-id')!, { login_token: 'x'.repeat(16) });
    assert.equal(new URL(noUser.headers.get('location')!).searchParams.get('error'), 'invalid_request');

    assert.equal((await token({ grant_type: 'password', username: 'alice', password: 'alice-pw' })).body.error, 'unsupported_grant_type');
    assert.equal((await token({ grant_type: 'authorization_code' })).body.error, 'invalid_request');
    assert.equal((await token({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: redirectUri, code: 'nope' })).body.error, 'invalid_grant');
    const unknown = await fetch(`${server.url}/oauth/nothing`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as any).error.code, 'UNKNOWN_OAUTH_ENDPOINT');
  });
});
