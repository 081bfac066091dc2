import assert from 'node:assert/strict';
import type { RawResponse, TestServer } from './server.js';

/** Asserts a Misskey error response: status, code and id. */
export function assertError(res: RawResponse, status: number, code: string, id: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(res.body.error.id, id);
}

/** Calls an endpoint with a token and expects success; returns the body. */
export async function ok(server: TestServer, endpoint: string, token: string, body: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await server.post(endpoint, { i: token, ...body });
  assert.ok(res.status === 200 || res.status === 204, `${endpoint}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An access token of `token`'s user limited to `permission`. */
export async function appToken(server: TestServer, token: string, permission: string[]): Promise<string> {
  return (await ok(server, 'miauth/gen-token', token, { session: null, name: 'app', permission })).token;
}
