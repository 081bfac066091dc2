import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer, type TestUser } from '../support/server.js';

const ids = {
  invalidParam: '3d81ceae-475f-4600-b2a8-2bc116157532',
  credentialRequired: '1384574d-a912-4b81-8601-c7b1c4085df1',
  authenticationFailed: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14',
  permissionDenied: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838',
  accessDenied: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e',
  notAdministrator: 'c3d38592-54c0-429d-be96-5636b0431a61',
  unknownEndpoint: '2ca3b769-540a-4f08-9dd5-b5a825b6d0f1',
};

describe('the API pipeline', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser;

  before(async () => {
    server = await startTestServer();
    admin = await server.createUser('admin');
    alice = await server.createUser('alice');
  });
  after(() => server.close());

  async function appToken(user: TestUser, permission: string[]): Promise<string> {
    const res = await server.post('miauth/gen-token', { i: user.token, session: null, name: 'app', permission });
    assert.equal(res.status, 200);
    return res.body.token;
  }

  describe('errors have Misskey\'s envelope', () => {
    test('unknown endpoint is 404 UNKNOWN_API_ENDPOINT for POST and GET', async () => {
      const post = await server.post('no/such/endpoint', {});
      assert.equal(post.status, 404);
      assert.deepEqual(post.body, {
        error: { message: 'Unknown API endpoint.', code: 'UNKNOWN_API_ENDPOINT', id: ids.unknownEndpoint, kind: 'client' },
      });
      const get = await fetch(`${server.url}/api/no/such/endpoint`);
      assert.equal(get.status, 404);
      assert.equal(((await get.json()) as any).error.id, ids.unknownEndpoint);
    });

    test('invalid param is 400 INVALID_PARAM with the validation detail', async () => {
      const res = await server.post('test', { required: 'yes' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'INVALID_PARAM');
      assert.equal(res.body.error.id, ids.invalidParam);
      assert.equal(res.body.error.kind, 'client');
      assert.equal(res.body.error.info.param, '#/properties/required/type');
      assert.equal(res.body.error.info.reason, 'must be boolean');
      assert.match(res.headers.get('www-authenticate') ?? '', /error="invalid_request"/);
    });

    test('missing required param and empty misskey:id are invalid', async () => {
      assert.equal((await server.post('test', {})).status, 400);
      assert.equal((await server.post('test', { required: true, id: '' })).status, 400);
      assert.equal((await server.post('test', { required: true, id: 'abc-def' })).status, 400);
    });

    test('defaults are applied and an explicit null is kept', async () => {
      const res = await server.post('test', { required: true, id: 'abc123' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { required: true, id: 'abc123', default: 'hello', nullableDefault: 'hello' });
      const withNull = await server.post('test', { required: true, nullableDefault: null });
      assert.equal(withNull.body.nullableDefault, null);
    });

    test('no token on a credential endpoint is 401 CREDENTIAL_REQUIRED with WWW-Authenticate', async () => {
      const res = await server.post('i', {});
      assert.equal(res.status, 401);
      assert.equal(res.body.error.id, ids.credentialRequired);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="Misskey"');
    });

    test('an unknown token is 401 AUTHENTICATION_FAILED, even on public endpoints', async () => {
      for (const endpoint of ['i', 'ping']) {
        const res = await server.post(endpoint, { i: 'not-a-real-token' });
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, 'AUTHENTICATION_FAILED');
        assert.equal(res.body.error.id, ids.authenticationFailed);
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="Misskey", error="invalid_token"/);
      }
      const native = await server.post('i', { i: 'abcdefghijklmnop' });
      assert.equal(native.status, 401);
    });

    test('a non-string i is a bare 400', async () => {
      const res = await server.post('ping', { i: 42 });
      assert.equal(res.status, 400);
      assert.equal(res.body, undefined);
    });

    test('a token lacking the permission is 403 PERMISSION_DENIED', async () => {
      const token = await appToken(alice, ['write:notes']);
      const res = await server.post('i', { i: token });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'PERMISSION_DENIED');
      assert.equal(res.body.error.id, ids.permissionDenied);
      assert.equal(res.body.error.kind, 'permission');
      assert.match(res.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
    });

    test('a token with the permission may call the endpoint', async () => {
      const token = await appToken(alice, ['read:account']);
      const me = await server.api(token).request('i', {});
      assert.equal(me.id, alice.id);
    });

    test('a secure endpoint refuses access tokens and anonymous calls with ACCESS_DENIED', async () => {
      const token = await appToken(alice, ['read:account', 'write:account']);
      const res = await server.post('miauth/gen-token', { i: token, session: null, permission: [] });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'ACCESS_DENIED');
      assert.equal(res.body.error.id, ids.accessDenied);
      const anonymous = await server.post('miauth/gen-token', { session: null, permission: [] });
      assert.equal(anonymous.body.error.id, ids.accessDenied);
    });

    test('an admin endpoint refuses a normal user with ROLE_PERMISSION_DENIED', async () => {
      const res = await server.post('admin/get-index-stats', { i: alice.token });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'ROLE_PERMISSION_DENIED');
      assert.equal(res.body.error.id, ids.notAdministrator);
    });

    test('a normal user holding the admin permission is still refused by role', async () => {
      const token = await appToken(alice, ['read:admin:index-stats']);
      const res = await server.post('admin/get-index-stats', { i: token });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.id, ids.notAdministrator);
    });

    test('an administrator passes; an admin token without the permission does not', async () => {
      const ok = await server.post('admin/get-index-stats', { i: admin.token });
      assert.equal(ok.status, 200);
      assert.ok(ok.body.some((row: { tablename: string }) => row.tablename === 'user'));
      const token = await appToken(admin, ['read:account']);
      const denied = await server.post('admin/get-index-stats', { i: token });
      assert.equal(denied.body.error.id, ids.permissionDenied);
    });
  });

  describe('transport', () => {
    test('the Authorization header carries the token and wins over i', async () => {
      const res = await server.post('i', { i: 'garbage-token-here' }, { Authorization: `Bearer ${alice.token}` });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, alice.id);
    });

    test('malformed Authorization headers fail authentication', async () => {
      for (const header of [`bearer ${alice.token}`, `Bearer${alice.token}`, alice.token]) {
        const res = await server.post('i', {}, { Authorization: header });
        assert.equal(res.status, 401, header);
        assert.equal(res.body.error.id, ids.authenticationFailed);
      }
    });

    test('malformed JSON is a clean 400', async () => {
      const res = await server.post('ping', '{"i": ');
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'INVALID_JSON');
    });

    test('a JSON body that is not an object is INVALID_PARAM', async () => {
      const res = await server.post('ping', '[1,2]');
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'INVALID_PARAM');
    });

    test('an unsupported content type is 415', async () => {
      const res = await fetch(`${server.url}/api/ping`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
      assert.equal(res.status, 415);
      assert.equal(((await res.json()) as any).error.code, 'UNSUPPORTED_MEDIA_TYPE');
    });

    test('an oversized body is 413', async () => {
      const res = await server.post('ping', { padding: 'x'.repeat(1024 * 1024 + 10) });
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, 'PAYLOAD_TOO_LARGE');
    });

    test('an empty body counts as no params', async () => {
      const res = await fetch(`${server.url}/api/ping`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
      assert.equal(res.status, 200);
      assert.equal(typeof ((await res.json()) as any).pong, 'number');
    });

    test('GET is 405 unless the endpoint allows it; allowed GET casts query params', async () => {
      const refused = await fetch(`${server.url}/api/ping`);
      assert.equal(refused.status, 405);
      const allowed = await fetch(`${server.url}/api/server-info`);
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('cache-control'), 'public, max-age=60');
    });

    test('CORS and cache headers are Misskey\'s', async () => {
      const res = await fetch(`${server.url}/api/ping`, { method: 'POST', headers: { Origin: 'https://app.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('cache-control'), 'private, max-age=0, must-revalidate');
      const preflight = await fetch(`${server.url}/api/notes/create`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    });

    test('a 204 endpoint result has no body', async () => {
      const res = await server.post('endpoint', { endpoint: 'no/such/thing' });
      assert.equal(res.status, 204);
      assert.equal(res.body, undefined);
    });
  });
});
