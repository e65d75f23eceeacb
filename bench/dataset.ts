import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { migrate, withDataSource } from '../src/database/prepare.js';
import { seedDemoApplications } from '../seeds/demo-applications.js';
import { seedDemoSnapshots } from '../seeds/demo-snapshots.js';
import { seedDemo, seedReference } from '../seeds/run-seeds.js';
import { scaleDatabase } from './scale-db.js';
import { record } from './support.js';

/**
 * The national dataset (issue 7): the demo registry (12,294 hospitals, 31 provinces, targets, accounts), 60
 * months of synthetic adoption history for every hospital and indicator (the demo generator, started earlier),
 * the demo applications plus bulk ones, and a compliance snapshot of every month. Into DATABASE_URL (created if
 * missing) or the bench's dedicated PostgreSQL. Skipped when the database already holds it (`--force`: reload
 * into an empty database only).
 */
export const MONTHS = 60;
/** The last complete month is 2026-10 when the benchmark was written; the history ends at the last complete month. */
export function historyStart(now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  const first = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - MONTHS, 1));
  return first.toISOString().slice(0, 10);
}

/** Bulk applications: DRAFT and SUBMITTED rows written in SQL for volume (no audit events; benchmark data only). */
const BULK_COMPANIES = 2000;
const BULK_PER_COMPANY = 25;
const EXTRA_FOR_COMPANY_A = 200;

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function loadDataset(url: string, log: (line: string) => void = console.warn) {
  await ensureDatabase(url);
  const start = historyStart();
  const config = loadConfig({ JOBS_ENABLED: 'false' });
  return withDataSource(url, async (ds) => {
    await migrate(ds);
    const [{ loaded }] = await ds.query(
      `SELECT (SELECT count(*) FROM hospital) = 12294
              AND (SELECT min(period) FROM adoption_report WHERE synthetic) = $1::date AS loaded`,
      [start],
    );
    if (loaded && !process.argv.includes('--force')) {
      log('the national dataset is already loaded');
      return null;
    }
    const [{ empty }] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM adoption_report) AS empty`);
    if (!empty)
      throw new Error('the database holds other adoption data: load the national dataset into an empty one');
    const timings: Record<string, number> = {};
    const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const began = performance.now();
      const result = await work();
      timings[name] = Math.round(performance.now() - began) / 1000;
      log(`${name}: ${timings[name]} s`);
      return result;
    };
    const began = performance.now();
    await time('registryAndHistory', () =>
      ds.transaction(async (manager) => ({
        ...(await seedReference(manager)),
        ...(await seedDemo(manager, { historyStart: start })),
      })),
    );
    await time('demoApplications', () => seedDemoApplications(ds));
    await time('bulkApplications', () =>
      ds.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO company (uscc, name_zh, name_en, region_code, synthetic)
           SELECT '91' || p.code || lpad(n::text, 10, '0'), '基准合成企业 ' || n, 'Benchmark synthetic company ' || n, p.code, true
             FROM generate_series(1, $1::int) AS n
             JOIN LATERAL (SELECT code FROM region WHERE level = 'PROVINCE' ORDER BY code OFFSET n % 31 LIMIT 1) p ON true
           ON CONFLICT (uscc) DO NOTHING`,
          [BULK_COMPANIES],
        );
        await manager.query(
          `WITH admin AS (SELECT id FROM app_user WHERE email = 'admin@yardstick.test'),
                company_a AS (SELECT c.id, u.id AS user_id FROM app_user u JOIN company c ON c.id = u.company_id
                               WHERE u.email = 'company-a@yardstick.test'),
                owners AS (
                  SELECT c.id AS company_id, (SELECT id FROM admin) AS user_id, n
                    FROM company c CROSS JOIN generate_series(1, $1::int) AS n WHERE c.name_en LIKE 'Benchmark synthetic company %'
                  UNION ALL
                  SELECT id, user_id, n FROM company_a CROSS JOIN generate_series(1, $2::int) AS n)
           INSERT INTO subsidy_application (program_code, company_id, state, model_name, model_category,
                  competitiveness_evidence, submitted_at, eligible_cost, requested_amount, budget_year, created_by,
                  created_at, updated_at, synthetic)
           SELECT 'BJ-2025-MEDICAL-AI-COMPUTE', company_id, CASE WHEN n % 2 = 0 THEN 'SUBMITTED' ELSE 'DRAFT' END,
                  'Benchmark model ' || n, (ARRAY['MEDICAL_IMAGING', 'CLINICAL_DECISION_SUPPORT', 'MEDICAL_LARGE_MODEL', 'DRUG_DISCOVERY'])[1 + n % 4],
                  'Synthetic benchmark application', CASE WHEN n % 2 = 0 THEN timestamptz '2026-01-01' + n * interval '1 hour' END,
                  100000 + n * 1000, 30000 + n * 300, 2026, user_id,
                  timestamptz '2025-12-01' + n * interval '1 hour', timestamptz '2025-12-01' + n * interval '1 hour', true
             FROM owners`,
          [BULK_PER_COMPANY, EXTRA_FOR_COMPANY_A],
        );
      }),
    );
    const snapshots = await time('complianceSnapshots', () => seedDemoSnapshots(ds, config));
    await time('vacuumAnalyze', () => ds.query('VACUUM (ANALYZE)'));
    const loadSeconds = Math.round(performance.now() - began) / 1000;
    const counts: { name: string; rows: number }[] = await ds.query(
      `SELECT relname AS name, n_live_tup::bigint::int AS rows FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC`,
    );
    const [{ adoption, from, to, size }] = await ds.query(
      `SELECT count(*)::int AS adoption, to_char(min(period), 'YYYY-MM') AS from, to_char(max(period), 'YYYY-MM') AS to,
              pg_size_pretty(pg_database_size(current_database())) AS size FROM adoption_report`,
    );
    return {
      months: MONTHS,
      from,
      to,
      adoptionReports: adoption,
      complianceSnapshots: snapshots,
      rowsByTable: Object.fromEntries(counts.map((c) => [c.name, c.rows])),
      totalRows: counts.reduce((n, c) => n + c.rows, 0),
      databaseSize: size,
      loadSeconds,
      timingsSeconds: timings,
    };
  });
}

async function main() {
  const db = await scaleDatabase();
  try {
    const result = await loadDataset(db.url);
    if (result)
      record('national-dataset', {
        database: db.dedicated ? 'dedicated embedded PostgreSQL' : 'DATABASE_URL',
        ...result,
      });
  } finally {
    await db.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
