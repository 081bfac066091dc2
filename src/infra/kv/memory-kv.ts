import type { Counter, Kv } from './kv.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/** In-process Kv for the embedded mode; expired keys are swept every minute so memory stays bounded. */
export class MemoryKv implements Kv {
  readonly #entries = new Map<string, Entry>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.#sweeper = setInterval(() => this.#sweep(), 60_000).unref();
  }

  async incr(key: string, ttlMs: number): Promise<Counter> {
    const entry = this.#live(key);
    if (!entry) {
      const resetAt = this.now() + ttlMs;
      this.#entries.set(key, { value: '1', expiresAt: resetAt });
      return { count: 1, resetAt };
    }
    entry.value = String(Number(entry.value) + 1);
    return { count: Number(entry.value), resetAt: entry.expiresAt };
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: ttlMs ? this.now() + ttlMs : Infinity });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async del(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#entries.clear();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
