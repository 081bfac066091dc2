import type { Kv } from '../infra/kv/kv.js';
import type { RateLimit } from './endpoint.js';

/** What a refused call is told (Misskey sends it as the error's `info`). */
export interface RateLimitInfo {
  total: number;
  remaining: number;
  /** Epoch seconds when the bucket resets. */
  reset: number;
  /** Epoch ms when the bucket resets. */
  resetMs: number;
}

/**
 * Misskey's two-bucket limit over Kv: at most one call per `minInterval` and at most
 * `max` calls per `duration`, both scaled by the caller's `rateLimitFactor`
 * (a factor ≤ 0 disables limiting for that caller).
 */
export class RateLimiter {
  constructor(private readonly kv: Kv) {}

  /** Counts one call of `actor` against `limit`; returns the info when the call is over the limit. */
  async hit(limit: RateLimit & { key: string }, actor: string, factor: number): Promise<RateLimitInfo | undefined> {
    if (factor <= 0) return undefined;
    if (limit.minInterval) {
      const interval = Math.round(limit.minInterval * factor);
      const counter = await this.kv.incr(`rl:${actor}:${limit.key}:min`, interval);
      if (counter.count > 1) return info(1, counter.resetAt);
    }
    if (limit.duration && limit.max) {
      const max = Math.max(1, Math.floor(limit.max / factor));
      const counter = await this.kv.incr(`rl:${actor}:${limit.key}`, limit.duration);
      if (counter.count > max) return info(max, counter.resetAt);
    }
    return undefined;
  }
}

function info(total: number, resetMs: number): RateLimitInfo {
  return { total, remaining: 0, reset: Math.ceil(resetMs / 1000), resetMs };
}
