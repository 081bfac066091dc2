import type { Bus, BusMessage } from '../infra/bus/bus.js';

/** Receives a bus message shared by every listener of the topic in this process: read it, never mutate it. */
export type TopicListener = (message: Readonly<BusMessage>) => void | Promise<void>;

interface Topic {
  listeners: Set<TopicListener>;
  unsubscribe: () => void;
  ready: Promise<void>;
}

/** Listeners called per turn of the event loop and queued message; a message for more continues on the next turn. */
const SLICE = 200;

/** A message on its way to the listeners its topic had when it arrived. */
interface Delivery {
  topic: string;
  /** The topic's live set: a listener removed since the message arrived is skipped. */
  live: Set<TopicListener>;
  listeners: TopicListener[];
  message: BusMessage;
  next: number;
}

/**
 * Fans bus messages out to the sockets of this process: one bus subscription (and one JSON
 * parse) per topic, however many sockets listen to it. Delivery is deferred (setImmediate), so
 * the request that caused an event answers first, and runs in slices of SLICE listeners, so a
 * note to a thousand sockets does not hold the event loop for its whole fan-out. One queue for
 * every topic keeps each socket's messages in the order they arrived.
 */
export class TopicHub {
  readonly #topics = new Map<string, Topic>();
  readonly #queue: Delivery[] = [];
  #scheduled = false;

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

  /** Drops every subscription and every message not yet delivered. */
  close(): void {
    for (const entry of this.#topics.values()) entry.unsubscribe();
    this.#topics.clear();
    this.#queue.length = 0;
  }

  #deliver(topic: string, live: Set<TopicListener>, message: BusMessage): void {
    if (live.size === 0) return;
    this.#queue.push({ topic, live, listeners: [...live], message, next: 0 });
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#drain);
    }
  }

  /**
   * Delivers SLICE listeners' worth of the queue per queued message, then yields to the event loop
   * if more is left: the longer the backlog, the more each turn delivers, so under a flood of
   * messages the queue levels off instead of growing without bound.
   */
  readonly #drain = (): void => {
    let budget = SLICE * this.#queue.length;
    while (budget > 0 && this.#queue.length > 0) {
      const delivery = this.#queue[0]!;
      const end = Math.min(delivery.listeners.length, delivery.next + budget);
      budget -= end - delivery.next;
      while (delivery.next < end) this.#call(delivery, delivery.listeners[delivery.next++]!);
      if (delivery.next === delivery.listeners.length) this.#queue.shift();
    }
    if (this.#queue.length > 0) setImmediate(this.#drain);
    else this.#scheduled = false;
  };

  #call(delivery: Delivery, listener: TopicListener): void {
    if (!delivery.live.has(listener)) return;
    try {
      const result = listener(delivery.message);
      if (result instanceof Promise) result.catch((err: unknown) => this.onError(err, delivery.topic));
    } catch (err) {
      this.onError(err, delivery.topic);
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
