import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Kv } from '../../src/infra/kv/kv.js';
import { MemoryKv } from '../../src/infra/kv/memory-kv.js';
import { RedisKv } from '../../src/infra/kv/redis-kv.js';
import { RateLimiter } from '../../src/api/rate-limiter.js';
import { backends } from '../support/server.js';

// One contract, run against every Kv implementation available here.
const implementations: [string, (() => Kv) | undefined][] = [
  ['memory', () => new MemoryKv()],
  ['redis', backends.redis ? () => new RedisKv(backends.redis!, `test:${randomBytes(6).toString('hex')}:`) : undefined],
];

for (const [name, make] of implementations) {
  describe(`Kv contract: ${name}`, { skip: make ? false : 'skipped: no TEST_REDIS_URL' }, () => {
    test('incr counts within a window and reports its reset time', async () => {
      const kv = make!();
      const first = await kv.incr('c', 10_000);
      const second = await kv.incr('c', 10_000);
      assert.equal(first.count, 1);
      assert.equal(second.count, 2);
      assert.ok(second.resetAt > Date.now() && second.resetAt <= Date.now() + 10_000);
      await kv.close();
    });

    test('keys expire', async () => {
      const kv = make!();
      await kv.set('k', 'v', 30);
      assert.equal(await kv.get('k'), 'v');
      await new Promise((r) => setTimeout(r, 60));
      assert.equal(await kv.get('k'), undefined);
      assert.equal((await kv.incr('k', 1000)).count, 1);
      await kv.close();
    });

    test('setIfAbsent stores once', async () => {
      const kv = make!();
      assert.equal(await kv.setIfAbsent('once', '1', 10_000), true);
      assert.equal(await kv.setIfAbsent('once', '2', 10_000), false);
      assert.equal(await kv.get('once'), '1');
      await kv.del('once');
      assert.equal(await kv.get('once'), undefined);
      await kv.close();
    });

    test('the rate limiter refuses past max and past minInterval', async () => {
      const kv = make!();
      const limiter = new RateLimiter(kv);
      const limit = { key: 'ep', duration: 60_000, max: 2 };
      assert.equal(await limiter.hit(limit, 'actor', 1), undefined);
      assert.equal(await limiter.hit(limit, 'actor', 1), undefined);
      const refused = await limiter.hit(limit, 'actor', 1);
      assert.equal(refused?.total, 2);
      assert.equal(refused?.remaining, 0);
      assert.equal(await limiter.hit(limit, 'other', 1), undefined, 'buckets are per actor');
      assert.equal(await limiter.hit(limit, 'actor', 0), undefined, 'factor 0 disables the limit');
      const interval = { key: 'slow', minInterval: 10_000 };
      assert.equal(await limiter.hit(interval, 'actor', 1), undefined);
      assert.ok(await limiter.hit(interval, 'actor', 1));
      await kv.close();
    });
  });
}
