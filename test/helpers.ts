/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked field by field in the tests */
import { DataSource } from 'typeorm';
import { startApp, type RunningApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { migrate, seed, withDataSource } from '../src/database/prepare.js';

let prepared: Promise<void> | undefined;

/** Migrates and seeds the test database with the demo seed, once per test file (both steps are idempotent). */
export function prepareTestDatabase(): Promise<void> {
  prepared ??= withDataSource(process.env.DATABASE_URL!, async (ds) => {
    await migrate(ds);
    await seed(ds, { demo: true });
  });
  return prepared;
}

export const DEMO_PASSWORD = 'yardstick-demo';

/** The real server on a free port, against the test database, exactly as `npm start` builds it. */
export async function startTestApp(env: Record<string, string> = {}): Promise<RunningApp> {
  // A test that brings its own database (createScratchDatabase) does not need the shared demo one.
  if (!env.DATABASE_URL) await prepareTestDatabase();
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Scheduled jobs only where a test turns them on.
    JOBS_ENABLED: 'false',
    // The budget is tested on its own (test/security); elsewhere tests send thousands of queries a minute.
    RATE_LIMIT_POINTS: '100000000',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    ...env,
  });
  return startApp(config, () => undefined);
}

export interface GraphqlResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions: { code: string; field?: string; [key: string]: unknown } }[];
}

export async function gql<T = any>(
  app: RunningApp,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResponse<T>;
}

export async function login(app: RunningApp, email: string, password = DEMO_PASSWORD): Promise<string> {
  const result = await gql(
    app,
    `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    {
      e: email,
      p: password,
    },
  );
  if (!result.data) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

export function errorCodes(result: GraphqlResponse): string[] {
  return (result.errors ?? []).map((e) => e.extensions.code);
}

const owners = new WeakMap<RunningApp, Promise<DataSource>>();

/**
 * The database as its owner sees it (the login, without the app's role): every company's rows, and rights the
 * app does not have. For checking what was stored, and for playing an attacker with database access.
 */
export function ownerDataSource(app: RunningApp): Promise<DataSource> {
  let owner = owners.get(app);
  if (!owner) {
    owner = new DataSource(
      dataSourceOptions(app.database.url, { poolSize: 3, statementTimeoutMs: 0 }),
    ).initialize();
    owners.set(app, owner);
    const close = app.close.bind(app);
    app.close = async () => {
      await (await owner!).destroy();
      await close();
    };
  }
  return owner;
}

export function dataSourceOf(app: RunningApp): DataSource {
  return app.app.get(DataSource);
}

/**
 * Counts the SQL statements `work` sends through TypeORM (every query goes through a query runner). The pool is
 * warmed first: a new connection runs set-up statements of its own.
 */
export async function countStatements(app: RunningApp, work: () => Promise<void>): Promise<number> {
  const runner = Object.getPrototypeOf(dataSourceOf(app).createQueryRunner());
  const original = runner.query;
  let statements = 0;
  runner.query = function (...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
  try {
    await work();
    return statements;
  } finally {
    runner.query = original;
  }
}

/**
 * A new, empty, migrated database on the test server, for tests that need data of their own (hand-made scoring
 * cases, job runs from zero) and must not disturb the shared demo database. Returns its URL.
 */
export async function createScratchDatabase(
  prefix: string,
  options: { reference?: boolean } = {},
): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new URL(process.env.DATABASE_URL!);
  await withDataSource(admin.toString(), (ds) => ds.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await withDataSource(url.toString(), async (ds) => {
    await migrate(ds);
    if (options.reference) await seed(ds, { demo: false });
  });
  return url.toString();
}
