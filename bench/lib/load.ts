import { performance } from 'node:perf_hooks';
import type { ApiClient, ApiResponse } from './http.js';
import { round, summarise } from './stats.js';

/** One request of a workload: endpoint, params and token, built per iteration. */
export interface RequestSpec {
  endpoint: string;
  params: unknown;
  token?: string;
}

/** The result of one closed-loop run. */
export interface LoadResult {
  requests: number;
  errors: number;
  /** Requests per second over the measured window. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** First unexpected answer, to explain errors. */
  firstError?: string;
}

/** What a load run needs. */
export interface LoadOptions {
  client: ApiClient;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Builds the n-th request. */
  next(n: number): RequestSpec;
  /** Whether an answer counts as success (default: 200 or 204). */
  accept?(res: ApiResponse): boolean;
}

/**
 * Runs a closed loop: `concurrency` workers each send a request, wait for its answer,
 * and send the next, for warm-up then the measured window. Latency is from send to the
 * last byte of the answer.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const accept = opts.accept ?? ((r) => r.status === 200 || r.status === 204);
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let seq = 0;
  let firstError: string | undefined;

  const worker = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) return;
      const spec = opts.next(seq++);
      let ok = false;
      try {
        const res = await opts.client.call(spec.endpoint, spec.params, spec.token);
        ok = accept(res);
        if (!ok) firstError ??= `${spec.endpoint} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
      } catch (err) {
        firstError ??= `${spec.endpoint} → ${(err as Error).message}`;
      }
      const t1 = performance.now();
      if (t0 >= measureFrom && t1 <= end) {
        if (ok) latencies.push(t1 - t0);
        else errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const s = summarise(latencies);
  return {
    requests: s.count,
    errors,
    rps: round(s.count / (opts.durationMs / 1000), 1),
    p50: round(s.p50),
    p99: round(s.p99),
    max: round(s.max),
    ...(firstError ? { firstError } : {}),
  };
}
