import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/config.js';
import { seedDemoApplications } from '../../seeds/demo-applications.js';
import { seedDemoSnapshots } from '../../seeds/demo-snapshots.js';
import { seedDemo, seedReference, type SeedReport } from '../../seeds/run-seeds.js';
import { dataSourceOptions } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export interface PreparedDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
  migrationsApplied: string[];
  seeded: SeedReport | null;
}

type Log = (message: string) => void;

// Any constant shared by every replica: the one that holds it migrates, the others wait, then find nothing to do.
const MIGRATION_LOCK = 7_346_251_001;

/** Runs on a short-lived data source so that the app's pool only ever sees a migrated schema. */
export async function withDataSource<T>(url: string, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource({ ...dataSourceOptions(url, { poolSize: 2, statementTimeoutMs: 0 }) });
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

export async function seed(
  ds: DataSource,
  options: { demo: boolean; config?: AppConfig },
): Promise<SeedReport> {
  const report = await ds.transaction(async (manager) => ({
    ...(await seedReference(manager)),
    ...(options.demo ? await seedDemo(manager) : {}),
  }));
  // Made through the subsidies service, one transaction per step, after the accounts above are committed.
  if (options.demo) {
    report.subsidy_application = await seedDemoApplications(ds);
    // Scored by the scoring job, month by month, after the history above is committed.
    report.compliance_snapshot = await seedDemoSnapshots(ds, options.config ?? loadConfig({}));
  }
  return report;
}

/**
 * Resolves the database the app will use: the configured server, or an embedded PostgreSQL started here.
 * Applies pending migrations, and seeds demonstration data on an embedded database's first start.
 */
export async function prepareDatabase(config: AppConfig, log: Log): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.database.embeddedDir });
    url = embedded.url;
    log(`embedded PostgreSQL ${embedded.fresh ? 'initialised' : 'started'} in ${embedded.dataDir}`);
  }
  try {
    const result = await withDataSource(url, async (ds) => {
      const migrationsApplied = await migrate(ds);
      // "First start" is judged by content, not by the data directory: seeding is one transaction, so a start
      // killed mid-seed leaves an empty registry and the next start seeds again.
      const [{ empty }] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM region) AS empty`);
      const seeded =
        embedded && config.seed.demoOnFirstStart && empty ? await seed(ds, { demo: true, config }) : null;
      return { migrationsApplied, seeded };
    });
    if (result.migrationsApplied.length) log(`applied migrations: ${result.migrationsApplied.join(', ')}`);
    if (result.seeded) log(`seeded demonstration data: ${JSON.stringify(result.seeded)}`);
    return { url, embedded, ...result };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
