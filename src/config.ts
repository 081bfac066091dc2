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
  /** What this process does: `web` (HTTP + streaming), `worker` (jobs only) or `both`. */
  role: 'web' | 'worker' | 'both';
  /** Count SQL statements per API request and report them in `X-Query-Count` (benchmarks; off by default). */
  countQueries: boolean;
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
    role: parseRole(env.ROLE ?? 'both'),
    countQueries: parseBool('TSUBAME_COUNT_QUERIES', env.TSUBAME_COUNT_QUERIES || 'false'),
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

const ROLES = ['web', 'worker', 'both'] as const;

function parseRole(value: string): Config['role'] {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new ConfigError(`ROLE must be one of ${ROLES.join(', ')}, got "${value}"`);
  return role;
}
