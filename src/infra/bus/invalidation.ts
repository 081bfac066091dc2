import { randomUUID } from 'node:crypto';
import type { Bus } from './bus.js';

interface InvalidationBody {
  origin: string;
  keys: string[];
}

/**
 * Tells a cache's copies in the other processes which keys went stale. The announcing process
 * drops its own entries at once; Redis pub/sub would also hand the announcement back to it a
 * moment later, and dropping again then would throw away entries loaded since (fresh ones), so
 * each channel ignores what it sent itself.
 */
export class InvalidationChannel {
  readonly #origin = randomUUID();

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    onStale: (keys: string[]) => void,
  ) {
    bus.subscribe(topic, (message) => {
      const body = message.body as InvalidationBody;
      if (body.origin !== this.#origin) onStale(body.keys);
    });
  }

  /** Tells the other processes that `keys` are stale. */
  announce(keys: string[]): Promise<void> {
    const body: InvalidationBody = { origin: this.#origin, keys };
    return this.bus.publish(this.topic, { type: 'invalidate', body });
  }
}
