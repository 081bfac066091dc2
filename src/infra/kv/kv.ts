/** A counter bucket's state after an increment. */
export interface Counter {
  count: number;
  /** Epoch ms when the bucket expires. */
  resetAt: number;
}

/**
 * Short-lived keys and counters: rate limits, small caches, one-shot markers.
 * In-process by default, Redis when REDIS_URL is set. Values are strings.
 */
export interface Kv {
  /** Increments `key`; the first increment starts a window that expires `ttlMs` later. */
  incr(key: string, ttlMs: number): Promise<Counter>;
  get(key: string): Promise<string | undefined>;
  /** Stores `value`, expiring after `ttlMs` when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Stores `value` only if `key` is absent; true when it was stored. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  close(): Promise<void>;
}
