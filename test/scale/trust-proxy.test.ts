import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startTestServer } from '../support/server.js';

// Behind nginx every request comes from the proxy; TRUST_PROXY makes the client's address
// (X-Forwarded-For) the one rate limits and the sign-in history see.
for (const [trust, expected] of [['true', '203.0.113.7'], ['false', '127.0.0.1']] as const) {
  describe(`TRUST_PROXY=${trust}`, () => {
    test(`a sign-in through a proxy is recorded from ${expected}`, async () => {
      const server = await startTestServer({ TRUST_PROXY: trust });
      try {
        const user = await server.createUser('alice', 'secret-pw');
        const res = await server.post('signin-flow', { username: 'alice', password: 'secret-pw' }, { 'X-Forwarded-For': '203.0.113.7' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const history = await server.api(user.token).request('i/signin-history', {});
        assert.deepEqual(history.map((h) => h.ip), [expected]);
      } finally {
        await server.close();
      }
    });
  });
}
