import { randomBytes } from 'node:crypto';
import { validate as validateCron } from 'node-cron';

/**
 * The only place that reads process.env. Every variable is listed in the README with its default;
 * a bad value stops the process at boot with the variable's name, not later with a confusing error.
 */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database: {
    /** Unset: an embedded PostgreSQL is started in `embeddedDir`. */
    url: string | undefined;
    embeddedDir: string | undefined;
    poolSize: number;
    statementTimeoutMs: number;
    /** The role the app's connections take (SET ROLE at connect); migrations, seeds and the CLI run as the login. */
    appRole: string | undefined;
  };
  auth: {
    jwtSecret: string;
    /** True when no secret was configured and a random one was made for this process. */
    jwtSecretGenerated: boolean;
    tokenTtlSeconds: number;
  };
  graphql: {
    playground: boolean;
    introspection: boolean;
    writeSchemaFile: boolean;
  };
  adoption: {
    /** A month's reporting window closes this many days after the month ends (Beijing time). */
    reportingWindowDays: number;
    /** Largest CSV accepted by POST /imports/adoption. */
    importMaxBytes: number;
  };
  seed: {
    /** Seed demonstration data on the first start of an embedded database. */
    demoOnFirstStart: boolean;
  };
  jobs: {
    /** Run the scheduled jobs in this process (every replica may; each period still runs once). */
    enabled: boolean;
    /** node-cron expressions in Asia/Shanghai time. The monthly tick scores every period whose window has closed. */
    monthlyCron: string;
    dailyCron: string;
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    /** The monthly reports are caught up for this many closed months; older ones are made on demand. */
    reportCatchUpMonths: number;
  };
  /** Request limits: each refuses a request before any SQL runs, with its own error code (SECURITY.md). */
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxDirectives: number;
    /** Nodes a query may ask for: the product of `first` arguments down each path, summed (GitHub's rule). */
    maxNodes: number;
    bodyBytes: number;
    /** Per user (or per address when signed out): query points per window; a query costs 1 + nodes / 100. */
    ratePoints: number;
    rateWindowSeconds: number;
    /** Failed sign-ins per email and address within the window before sign-in is refused for the rest of it. */
    loginFailures: number;
    loginWindowSeconds: number;
  };
  logLevel: string;
  metricsToken: string | undefined;
  /** Express's `trust proxy`: unset when clients connect directly; the proxy's hops or addresses otherwise. */
  trustProxy: boolean | number | string | undefined;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function cron(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!validateCron(raw)) throw new ConfigError(`${name} must be a cron expression, got "${raw}"`);
  return raw;
}

/** Express's `trust proxy`: a hop count, true/false, or addresses and subnets (a string Express parses). */
function trustProxy(raw: string | undefined): boolean | number | string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}

/** A role name, or nothing when set to the empty string (connections then act as the login itself). */
function role(env: NodeJS.ProcessEnv, name: string, fallback: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw === '') return undefined;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw))
    throw new ConfigError(`${name} must be a lower-case role name, got "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';

  const configuredSecret = env.JWT_SECRET;
  if (configuredSecret !== undefined && configuredSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  if (production && !configuredSecret) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  return {
    env: nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    database: {
      url: databaseUrl,
      embeddedDir: env.EMBEDDED_PG_DIR || undefined,
      poolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
      statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15000, 100, 3_600_000),
      appRole: role(env, 'DB_APP_ROLE', 'yardstick_app'),
    },
    auth: {
      jwtSecret: configuredSecret || randomBytes(32).toString('hex'),
      jwtSecretGenerated: !configuredSecret,
      tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    },
    graphql: {
      playground: bool(env, 'GRAPHQL_IDE', !production),
      introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
      // The committed schema.gql is regenerated by every non-production boot so that review shows contract changes.
      writeSchemaFile: bool(env, 'WRITE_SCHEMA_FILE', !production),
    },
    adoption: {
      reportingWindowDays: int(env, 'REPORTING_WINDOW_DAYS', 30, 0, 3660),
      importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 256 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    },
    seed: {
      demoOnFirstStart: bool(env, 'SEED_DEMO_ON_FIRST_START', true),
    },
    jobs: {
      enabled: bool(env, 'JOBS_ENABLED', true),
      monthlyCron: cron(env, 'JOB_MONTHLY_CRON', '*/10 * * * *'),
      dailyCron: cron(env, 'JOB_DAILY_CRON', '30 6 * * *'),
      timeoutMs: int(env, 'JOB_TIMEOUT_MS', 10 * 60_000, 1000, 24 * 3_600_000),
      maxAttempts: int(env, 'JOB_MAX_ATTEMPTS', 5, 1, 100),
      retryBaseMs: int(env, 'JOB_RETRY_BASE_MS', 60_000, 0, 24 * 3_600_000),
      reportCatchUpMonths: int(env, 'JOB_REPORTS_CATCH_UP_MONTHS', 3, 0, 120),
    },
    limits: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 2000, 50, 100_000),
      maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', 10, 0, 1000),
      maxNodes: int(env, 'GRAPHQL_MAX_NODES', 50_000, 1, 10_000_000),
      bodyBytes: int(env, 'HTTP_BODY_LIMIT_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
      ratePoints: int(env, 'RATE_LIMIT_POINTS', 5000, 1, 1_000_000_000),
      rateWindowSeconds: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
      loginFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 15 * 60, 1, 86_400),
    },
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
