import { Redis } from 'ioredis';
import type { Counter, Kv } from './kv.js';

/** Kv over Redis, shared by every process of the instance. */
export class RedisKv implements Kv {
  readonly #redis: Redis;

  constructor(url: string, prefix: string) {
    this.#redis = new Redis(url, { keyPrefix: prefix + 'kv:', lazyConnect: false, maxRetriesPerRequest: 3 });
  }

  async incr(key: string, ttlMs: number): Promise<Counter> {
    // NX keeps the window's first expiry; one round trip for all three commands.
    const result = await this.#redis.multi().incr(key).pexpire(key, ttlMs, 'NX').pttl(key).exec();
    const count = Number(result?.[0]?.[1]);
    const ttl = Number(result?.[2]?.[1]);
    return { count, resetAt: Date.now() + Math.max(ttl, 0) };
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs) await this.#redis.set(key, value, 'PX', ttlMs);
    else await this.#redis.set(key, value);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.#redis.del(key);
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
