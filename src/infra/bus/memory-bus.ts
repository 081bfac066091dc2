import type { Bus, BusHandler, BusMessage } from './bus.js';

/**
 * In-process Bus. Messages are JSON round-tripped so that a payload which would not
 * survive Redis fails here too, and no subscriber can mutate another's copy.
 */
export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Set<BusHandler>>();

  async publish(topic: string, message: BusMessage): Promise<void> {
    const handlers = this.#topics.get(topic);
    if (!handlers?.size) return;
    const json = JSON.stringify(message);
    for (const handler of [...handlers]) handler(JSON.parse(json) as BusMessage);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let handlers = this.#topics.get(topic);
    if (!handlers) this.#topics.set(topic, (handlers = new Set()));
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.#topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.#topics.clear();
  }
}
