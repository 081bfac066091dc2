import { parseArgs } from 'node:util';

/** How much data the benchmark seeds and how hard it pushes. */
export interface Scale {
  name: string;
  /** Seeded users (besides the administrator and the fan-out listeners). */
  users: number;
  /** How many others each user follows. */
  follows: number;
  /** How many users follow `heavyFollows` others instead (the "follows 1,000" accounts). */
  heavyFollowers: number;
  heavyFollows: number;
  /** Seeded notes. */
  notes: number;
  /** Seeded reactions. */
  reactions: number;
  /** Followers of the poster whose homeTimeline sockets the fan-out phase listens on. */
  fanoutFollowers: number;
  /** Notes posted during the fan-out phase. */
  fanoutNotes: number;
  /**
   * Notes written straight into the database (no API, so a million takes minutes, not an hour)
   * for the home-timeline workload: a viewer following 1,000 of 5,000 extra authors. 0 = skip.
   */
  homeTimelineNotes: number;
}

export const SCALES: Record<string, Scale> = {
  small: { name: 'small', users: 100, follows: 10, heavyFollowers: 0, heavyFollows: 0, notes: 10_000, reactions: 3_000, fanoutFollowers: 1_000, fanoutNotes: 30, homeTimelineNotes: 20_000 },
  large: { name: 'large', users: 10_000, follows: 50, heavyFollowers: 50, heavyFollows: 1_000, notes: 1_000_000, reactions: 200_000, fanoutFollowers: 1_000, fanoutNotes: 50, homeTimelineNotes: 1_000_000 },
};

/** Everything the command line chooses. */
export interface BenchOptions {
  mode: 'embedded' | 'services' | 'scaleout';
  scale: Scale;
  /** Seconds of measurement per workload (after warm-up). */
  duration: number;
  /** Seconds of warm-up per workload, not recorded. */
  warmup: number;
  /** Closed-loop concurrency: requests in flight at any time. */
  concurrency: number;
  /** Only these workloads (names), or all. */
  only: string[] | undefined;
  /** Seconds of mixed load while sampling RSS (0 = skip the soak). */
  soak: number;
  /** Skip `tsc` and reuse the last build in .tmp/bench-dist. */
  build: boolean;
  databaseUrl: string;
  redisUrl: string;
  /** Seed concurrency (requests in flight while seeding). */
  seedConcurrency: number;
}

const USAGE = `npm run bench -- [options]
  --mode embedded|services|scaleout
                             SQLite in a temp dir (default), PostgreSQL + Redis, or PostgreSQL + Redis with
                             two ROLE=web processes and a ROLE=worker behind a round-robin balancer
  --scale small|large        data set size (default small)
  --duration <s>             measured seconds per workload (default 3)
  --warmup <s>               warm-up seconds per workload (default 1)
  --concurrency <n>          requests in flight (default 16)
  --only a,b,c               run only these workloads (e.g. ping,i,notes/timeline)
  --soak <s>                 mixed load for <s> seconds while sampling RSS (default 0 = off; 600 for the target)
  --fanout <n>               most followers listening in the fan-out phase; measured at 100 and at 1,000
                             when ≤ n, and at n (default 1,000)
  --notes <n> --users <n>    override the scale's note and user counts
  --home-notes <n>           notes seeded directly for the "notes/timeline (1000 follows)" workload
                             (default: 20,000 small, 1,000,000 large; 0 = skip it)
  --no-build                 reuse the last build in .tmp/bench-dist
  --database-url <url>       PostgreSQL server for --mode services/scaleout (default postgres://postgres@127.0.0.1:5432/postgres)
  --redis-url <url>          Redis for --mode services/scaleout (default redis://127.0.0.1:6379)`;

/** Parses argv; prints usage and exits on --help or a bad value. */
export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      mode: { type: 'string', default: 'embedded' },
      scale: { type: 'string', default: 'small' },
      duration: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '16' },
      only: { type: 'string' },
      soak: { type: 'string', default: '0' },
      fanout: { type: 'string' },
      notes: { type: 'string' },
      users: { type: 'string' },
      'home-notes': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
      'seed-concurrency': { type: 'string', default: '8' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) exit(USAGE, 0);
  const mode = values.mode;
  if (mode !== 'embedded' && mode !== 'services' && mode !== 'scaleout') exit(`--mode must be embedded, services or scaleout\n${USAGE}`, 2);
  const base = SCALES[values.scale];
  if (!base) exit(`--scale must be one of ${Object.keys(SCALES).join(', ')}\n${USAGE}`, 2);
  const scale: Scale = { ...base };
  if (values.fanout) scale.fanoutFollowers = positive('--fanout', values.fanout);
  if (values.notes) scale.notes = positive('--notes', values.notes);
  if (values['home-notes'] !== undefined) scale.homeTimelineNotes = nonNegative('--home-notes', values['home-notes']);
  if (values.users) scale.users = Math.max(2, positive('--users', values.users));
  scale.follows = Math.min(scale.follows, scale.users - 1);
  scale.heavyFollows = Math.min(scale.heavyFollows, scale.users - 1);
  return {
    mode,
    scale,
    duration: positive('--duration', values.duration),
    warmup: nonNegative('--warmup', values.warmup),
    concurrency: positive('--concurrency', values.concurrency),
    only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    soak: nonNegative('--soak', values.soak),
    build: !values['no-build'],
    databaseUrl: values['database-url'],
    redisUrl: values['redis-url'],
    seedConcurrency: positive('--seed-concurrency', values['seed-concurrency']),
  };
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!(n > 0)) exit(`${name} must be a positive number, got "${value}"`, 2);
  return n;
}

function nonNegative(name: string, value: string): number {
  const n = Number(value);
  if (!(n >= 0)) exit(`${name} must be zero or more, got "${value}"`, 2);
  return n;
}

function exit(message: string, code: number): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
