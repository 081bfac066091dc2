/** One event on the bus: a type and a JSON-serialisable body. */
export interface BusMessage {
  type: string;
  body?: unknown;
}

export type BusHandler = (message: BusMessage) => void;

/**
 * Publish/subscribe between the parts of the instance (streaming fan-out, cache
 * invalidation). Topics are strings such as `main:<userId>`, `note:<noteId>`, `local`.
 * In-process by default; Redis pub/sub when REDIS_URL is set, so every process hears every event.
 */
export interface Bus {
  publish(topic: string, message: BusMessage): Promise<void>;
  /** Calls `handler` for each message on `topic` until the returned function is called. */
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}
