/** Takes one sample of whatever the feed reports. */
export type Sampler = () => Promise<object>;

/**
 * A periodic sample with its recent history, as Misskey's serverStats/queueStats daemons keep
 * it: newest first, at most `logSize` entries. Sampling starts with the first listener and then
 * keeps going, so a later `requestLog` finds history.
 */
export class StatsFeed {
  readonly #log: object[] = [];
  readonly #listeners = new Set<(sample: object) => void>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sample: Sampler,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
    private readonly logSize = 200,
  ) {}

  /** Calls `listener` with each new sample until the returned function is called. */
  listen(listener: (sample: object) => void): () => void {
    this.#listeners.add(listener);
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.#tick(), this.intervalMs);
      this.#timer.unref();
      void this.#tick();
    }
    return () => this.#listeners.delete(listener);
  }

  /** The newest `length` samples, newest first. */
  log(length: number): object[] {
    return this.#log.slice(0, Math.max(0, Math.min(length, this.logSize)));
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  async #tick(): Promise<void> {
    try {
      const sample = await this.sample();
      this.#log.unshift(sample);
      if (this.#log.length > this.logSize) this.#log.pop();
      for (const listener of [...this.#listeners]) listener(sample);
    } catch (err) {
      this.onError(err);
    }
  }
}
