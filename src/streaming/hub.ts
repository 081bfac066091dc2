import type { Bus, BusMessage } from '../infra/bus/bus.js';

/** Receives a bus message shared by every listener of the topic in this process: read it, never mutate it. */
export type TopicListener = (message: Readonly<BusMessage>) => void | Promise<void>;

interface Topic {
  listeners: Set<TopicListener>;
  unsubscribe: () => void;
  ready: Promise<void>;
}

/**
 * Fans bus messages out to the sockets of this process: one bus subscription (and one JSON
 * parse) per topic, however many sockets listen to it.
 */
export class TopicHub {
  readonly #topics = new Map<string, Topic>();

  constructor(
    private readonly bus: Bus,
    private readonly onError: (err: unknown, topic: string) => void,
  ) {}

  /** Starts delivering `topic` to `listener`; resolves once the bus delivers the topic, with the function that stops it. */
  async subscribe(topic: string, listener: TopicListener): Promise<() => void> {
    let entry = this.#topics.get(topic);
    if (!entry) {
      const listeners = new Set<TopicListener>();
      const unsubscribe = this.bus.subscribe(topic, (message) => this.#deliver(topic, listeners, message));
      entry = { listeners, unsubscribe, ready: busReady(this.bus) };
      this.#topics.set(topic, entry);
    }
    const current = entry;
    current.listeners.add(listener);
    let active = true;
    const stop = () => {
      if (!active) return;
      active = false;
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.#topics.get(topic) === current) {
        this.#topics.delete(topic);
        current.unsubscribe();
      }
    };
    await current.ready;
    return stop;
  }

  /** How many topics this process is subscribed to (for tests and the benchmark). */
  get topicCount(): number {
    return this.#topics.size;
  }

  /** Drops every subscription. */
  close(): void {
    for (const entry of this.#topics.values()) entry.unsubscribe();
    this.#topics.clear();
  }

  #deliver(topic: string, listeners: Set<TopicListener>, message: BusMessage): void {
    for (const listener of [...listeners]) {
      try {
        const result = listener(message);
        if (result instanceof Promise) result.catch((err: unknown) => this.onError(err, topic));
      } catch (err) {
        this.onError(err, topic);
      }
    }
  }
}

/**
 * Resolves when subscriptions made so far are live. The Redis bus confirms them with a round
 * trip; the in-process bus is live at once. (Bus has no such method, so it is looked up.)
 */
function busReady(bus: Bus): Promise<void> {
  const ready = (bus as Partial<{ ready(): Promise<void> }>).ready;
  return typeof ready === 'function' ? ready.call(bus) : Promise.resolve();
}

const jsonCache = new WeakMap<object, string>();
const tailCache = new WeakMap<object, { type: string; bytes: Buffer }>();

/** JSON of a shared, read-only value, serialised once however many sockets receive it. */
export function jsonOf(value: object): string {
  let json = jsonCache.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    jsonCache.set(value, json);
  }
  return json;
}

/**
 * The end of a channel message carrying a shared body, `"<type>","body":<json>}}`, as UTF-8
 * bytes encoded once however many sockets receive it (each adds only its own channel prefix).
 */
export function channelTailOf(type: string, body: object): Buffer {
  const cached = tailCache.get(body);
  if (cached?.type === type) return cached.bytes;
  const bytes = Buffer.from(`${JSON.stringify(type)},"body":${jsonOf(body)}}}`);
  tailCache.set(body, { type, bytes });
  return bytes;
}
