/**
 * A bounded map for caches whose entries are dropped when the data behind them changes; the
 * least recently used entry goes first when it is full. A load that began before a drop may have
 * read the old data, so a loader takes a `ticket()` before it reads, and `set` keeps the value only
 * if nothing was dropped since.
 */
export class InvalidatableLru<V> {
  readonly #entries = new Map<string, { value: V; validUntil: number }>();
  #drops = 0;

  constructor(private readonly maxEntries: number) {}

  /** The value under `key`, unless absent or expired; marks it recently used. */
  get(key: string, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.validUntil <= now) return undefined;
    // Re-inserting keeps the Map in least-recently-used order.
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** What `set` compares with: take it before loading a value. */
  ticket(): number {
    return this.#drops;
  }

  /** Keeps `value` until `validUntil` if no drop happened since `ticket` was taken; says whether it did. */
  set(key: string, value: V, ticket: number, validUntil = Infinity): boolean {
    if (ticket !== this.#drops || this.maxEntries <= 0) return false;
    this.#entries.delete(key);
    this.#entries.set(key, { value, validUntil });
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return true;
  }

  /** Forgets `keys`, and any value loaded before now. */
  drop(keys: Iterable<string>): void {
    this.#drops++;
    for (const key of keys) this.#entries.delete(key);
  }
}
