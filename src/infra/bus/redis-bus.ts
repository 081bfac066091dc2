import { Redis } from 'ioredis';
import type { Bus, BusHandler, BusMessage } from './bus.js';

/** Bus over Redis pub/sub: one publishing and one subscribing connection per process. */
export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #topics = new Map<string, Set<BusHandler>>();

  constructor(url: string, private readonly prefix: string) {
    this.#pub = new Redis(url, { maxRetriesPerRequest: 3 });
    this.#sub = new Redis(url);
    this.#sub.on('message', (channel: string, json: string) => {
      const handlers = this.#topics.get(channel.slice(this.prefix.length));
      if (!handlers) return;
      for (const handler of [...handlers]) handler(JSON.parse(json) as BusMessage);
    });
  }

  async publish(topic: string, message: BusMessage): Promise<void> {
    await this.#pub.publish(this.prefix + topic, JSON.stringify(message));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let handlers = this.#topics.get(topic);
    if (!handlers) {
      this.#topics.set(topic, (handlers = new Set()));
      void this.#sub.subscribe(this.prefix + topic);
    }
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.#topics.get(topic) === handlers) {
        this.#topics.delete(topic);
        void this.#sub.unsubscribe(this.prefix + topic);
      }
    };
  }

  /** Resolves once every subscription made so far is active on the Redis side. */
  async ready(): Promise<void> {
    await this.#sub.ping().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#topics.clear();
    await Promise.all([this.#pub.quit(), this.#sub.quit()]);
  }
}
