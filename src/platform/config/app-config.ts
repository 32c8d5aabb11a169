/**
 * The service's configuration, parsed and validated once at boot from the environment
 * (API.md "Operations"). Nothing else reads process.env.
 */
import { resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Operator token; may only manage tenants and keys. Null: none configured. */
  readonly adminToken: string | null;
  /** PostgreSQL URL; null means the embedded PGlite in dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  /** Connection pool size for PostgreSQL. */
  readonly databasePoolSize: number;
  /** How long a resolved API key stays cached (ms): the revocation delay on every replica. */
  readonly authCacheTtlMs: number;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  readonly metricsToken: string | null;
  /** Largest accepted request body, bytes. */
  readonly bodyLimit: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^[0-9]+$/.test(raw))
    throw new ConfigError(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  return raw === undefined || raw === '' ? null : raw;
}

/** "memory://" keeps the embedded database in memory (tests); anything else is a folder. */
const dataDir = (raw: string): string => (raw.startsWith('memory://') ? raw : resolve(raw));

export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const adminToken = text(env, 'STACKPLAN_ADMIN_TOKEN');
  if (adminToken !== null && adminToken.length < 16) {
    throw new ConfigError('STACKPLAN_ADMIN_TOKEN must be at least 16 characters');
  }
  const databaseUrl = text(env, 'DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgresql:// URL');
  }
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`,
    );
  }
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    adminToken,
    databaseUrl,
    dataDir: dataDir(text(env, 'STACKPLAN_DATA_DIR') ?? './.stackplan'),
    logLevel,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 16, 1, 200),
    authCacheTtlMs: int(env, 'STACKPLAN_AUTH_CACHE_TTL_MS', 5000, 0, 3_600_000),
    metricsToken: text(env, 'STACKPLAN_METRICS_TOKEN'),
    bodyLimit: int(env, 'STACKPLAN_BODY_LIMIT', 3 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  };
}

/** DI token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
