import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements run inside one unit of work (an API request), for the
 * benchmark's "statements per request". Built only when TSUBAME_COUNT_QUERIES is on,
 * so the normal path pays nothing.
 */
export class QueryCounter {
  readonly #scope = new AsyncLocalStorage<{ count: number }>();

  /** Runs fn with a fresh count and returns its result with the number of statements it ran. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }> {
    const scope = { count: 0 };
    const result = await this.#scope.run(scope, fn);
    return { result, count: scope.count };
  }

  /** Records one statement against the current unit of work, if any. */
  record(): void {
    const scope = this.#scope.getStore();
    if (scope) scope.count++;
  }
}
