import path from 'node:path';

/** Typed configuration of one Tsubame process; the defaults give the embedded mode. */
export interface Config {
  /** TCP port to listen on. */
  port: number;
  /** Interface to bind. */
  host: string;
  /** The instance's external URL without a trailing slash, e.g. `https://tsubame.example`. */
  publicUrl: string;
  /** Directory for the SQLite file and locally stored files. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; undefined selects SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /** `redis://…` selects Redis for the bus, queue, caches and rate limits. */
  redisUrl: string | undefined;
  /** Prefix for every Redis key and channel, so several instances (or tests) can share one Redis. */
  redisPrefix: string;
  /** Whether per-endpoint rate limits are enforced. */
  rateLimit: boolean;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** When set, creating the first (admin) account requires it as `setupPassword`. */
  setupPassword: string | undefined;
  /** Log level for the HTTP server logger. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** S3-compatible bucket for drive files; undefined keeps them under `dataDir/files`. */
  s3: S3Config | undefined;
  /** Largest uploaded file part accepted, in bytes (Misskey's `maxFileSize`); larger parts get 413. */
  maxFileSize: number;
  /** Lets server-side fetches of user-supplied URLs reach private, loopback and link-local addresses (tests only). */
  allowPrivateNetworkFetch: boolean;
  /** What this process does: `web` (HTTP + streaming), `worker` (jobs only) or `both`. */
  role: 'web' | 'worker' | 'both';
  /** How long a running job stays locked to a worker that stopped responding before another worker runs it (ms). */
  jobLeaseMs: number;
  /** Which reverse proxies' X-Forwarded-For to believe (Fastify's trustProxy): false, true, or their addresses. */
  trustProxy: boolean | string;
  /** Count SQL statements per API request and report them in `X-Query-Count` (benchmarks; off by default). */
  countQueries: boolean;
  /** How many note rows each process keeps in memory for pages of notes (NoteCache); 0 turns the cache off. */
  noteCacheSize: number;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Reads the configuration from environment variables, throwing ConfigError on an invalid value. */
export function loadConfig(env: Env = process.env): Config {
  const port = parsePort(env.PORT ?? '3000');
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = parseUrl('PUBLIC_URL', env.PUBLIC_URL ?? `http://localhost:${port}`, ['http:', 'https:']);
  const databaseUrl = env.DATABASE_URL ? parseUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined;
  const redisUrl = env.REDIS_URL ? parseUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']) : undefined;
  return {
    port,
    host,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX ?? 'tsubame:',
    rateLimit: parseBool('RATE_LIMIT', env.RATE_LIMIT ?? 'true'),
    bodyLimit: 1024 * 1024,
    setupPassword: env.SETUP_PASSWORD || undefined,
    logLevel: parseLogLevel(env.LOG_LEVEL ?? 'info'),
    s3: parseS3(env),
    maxFileSize: parsePositiveInt('MAX_FILE_SIZE', env.MAX_FILE_SIZE ?? String(250 * 1024 * 1024)),
    allowPrivateNetworkFetch: parseBool('ALLOW_PRIVATE_NETWORK_FETCH', env.ALLOW_PRIVATE_NETWORK_FETCH || 'false'),
    role: parseRole(env.ROLE ?? 'both'),
    jobLeaseMs: parseLeaseMs(env.JOB_LEASE_MS ?? '30000'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY ?? 'false'),
    countQueries: parseBool('TSUBAME_COUNT_QUERIES', env.TSUBAME_COUNT_QUERIES || 'false'),
    noteCacheSize: parseCount('NOTE_CACHE_SIZE', env.NOTE_CACHE_SIZE ?? '3000'),
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${value}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return value;
}

function parseBool(name: string, value: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseLogLevel(value: string): Config['logLevel'] {
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level;
}

/** Where drive files go when they live in an S3-compatible bucket. */
export interface S3Config {
  /** Endpoint URL of a non-AWS service (MinIO, R2, …); undefined = AWS. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
  /** Base URL clients fetch objects from (a CDN or the bucket's public URL), without a trailing slash. */
  publicUrl: string;
  /** Address the bucket as `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, s3rver). */
  forcePathStyle: boolean;
}

function parseS3(env: Env): S3Config | undefined {
  const names = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_PUBLIC_URL', 'S3_FORCE_PATH_STYLE'];
  if (!names.some((n) => env[n])) return undefined;
  for (const required of ['S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY']) {
    if (!env[required]) throw new ConfigError(`${required} is required when any S3_* variable is set`);
  }
  const endpoint = env.S3_ENDPOINT ? parseUrl('S3_ENDPOINT', env.S3_ENDPOINT, ['http:', 'https:']).replace(/\/+$/, '') : undefined;
  const region = env.S3_REGION || 'us-east-1';
  const bucket = env.S3_BUCKET!;
  const forcePathStyle = parseBool('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE || 'false');
  const defaultPublicUrl = endpoint
    ? forcePathStyle ? `${endpoint}/${bucket}` : endpoint.replace('://', `://${bucket}.`)
    : `https://${bucket}.s3.${region}.amazonaws.com`;
  const publicUrl = env.S3_PUBLIC_URL ? parseUrl('S3_PUBLIC_URL', env.S3_PUBLIC_URL, ['http:', 'https:']) : defaultPublicUrl;
  return { endpoint, bucket, region, accessKey: env.S3_ACCESS_KEY!, secretKey: env.S3_SECRET_KEY!, publicUrl: publicUrl.replace(/\/+$/, ''), forcePathStyle };
}

function parsePositiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function parseCount(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

const ROLES = ['web', 'worker', 'both'] as const;

function parseRole(value: string): Config['role'] {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new ConfigError(`ROLE must be one of ${ROLES.join(', ')}, got "${value}"`);
  return role;
}

function parseTrustProxy(value: string): boolean | string {
  if (['true', 'false'].includes(value.toLowerCase())) return value.toLowerCase() === 'true';
  // Addresses or CIDR ranges, comma-separated, as Fastify's trustProxy takes them.
  return value;
}

function parseLeaseMs(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100) throw new ConfigError(`JOB_LEASE_MS must be an integer of at least 100, got "${value}"`);
  return ms;
}
