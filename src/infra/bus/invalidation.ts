import { randomUUID } from 'node:crypto';
import type { Bus } from './bus.js';

interface InvalidationBody {
  origin: string;
  keys: string[];
}

/**
 * Drops stale keys from a cache in every process: here at once, elsewhere over the bus. Redis
 * pub/sub also hands an announcement back to its sender a moment later; dropping again then would
 * throw away entries loaded since (fresh ones), so each channel ignores what it sent itself.
 */
export class InvalidationChannel {
  readonly #origin = randomUUID();

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly drop: (keys: string[]) => void,
  ) {
    bus.subscribe(topic, (message) => {
      const body = message.body as InvalidationBody;
      if (body.origin !== this.#origin) drop(body.keys);
    });
  }

  /** Drops `keys` here and tells the other processes to drop theirs. */
  invalidate(keys: string[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    this.drop(keys);
    const body: InvalidationBody = { origin: this.#origin, keys };
    return this.bus.publish(this.topic, { type: 'invalidate', body });
  }
}
