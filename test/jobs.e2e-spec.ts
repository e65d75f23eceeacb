import { execFileSync, spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import type { RunningApp } from '../src/bootstrap.js';
import { lastClosedPeriod, reportingCutoff } from '../src/common/periods.js';
import { ComplianceService } from '../src/compliance/compliance.service.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { loadConfig } from '../src/config/config.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { JobRunner } from '../src/jobs/job-runner.js';
import { createScratchDatabase, startTestApp } from './helpers.js';

/** Months from the first target's month (November 2025 in the reference seed) to the last closed one. */
function closedMonths(): string[] {
  const last = lastClosedPeriod(new Date(), 30);
  const months: string[] = [];
  for (
    let d = new Date(Date.UTC(2025, 10, 1));
    d.toISOString().slice(0, 7) <= last;
    d.setUTCMonth(d.getUTCMonth() + 1)
  ) {
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function openDataSource(url: string): Promise<DataSource> {
  return new DataSource({ ...dataSourceOptions(url, { poolSize: 3 }), logging: false }).initialize();
}

const scheduled = (ds: DataSource) =>
  ds.query(
    `SELECT period, count(*)::int AS runs FROM job_run
      WHERE job = 'MONTHLY_SCORING' AND outcome = 'SUCCEEDED' AND trigger <> 'MANUAL' GROUP BY period ORDER BY period`,
  );

const snapshotsPerMonth = (ds: DataSource) =>
  ds.query(
    `SELECT to_char(period, 'YYYY-MM') AS period, count(*)::int AS snapshots FROM compliance_snapshot
      GROUP BY period ORDER BY period`,
  );

let built = false;
/** The child servers run the compiled code, as `npm start` does (and so render reports in the worker thread). */
function buildOnce(): void {
  if (!built) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  built = true;
}

/** The compiled server in a child process of its own, which a test may kill. */
function spawnServer(env: Record<string, string>) {
  return spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      WRITE_SCHEMA_FILE: 'false',
    },
    stdio: 'ignore',
  });
}

describe('scheduled jobs across replicas', () => {
  const months = closedMonths();
  const jobsEnv = (url: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: url,
    JOBS_ENABLED: 'true',
    JOB_MONTHLY_CRON: '* * * * * *',
    JOB_REPORTS_CATCH_UP_MONTHS: '0',
    ...extra,
  });

  it('two replicas firing every second catch up a gap of months: each month scored once, in order, then reported once', async () => {
    const url = await createScratchDatabase('jobs_pair', { reference: true });
    const ds = await openDataSource(url);
    try {
      // Three months were scored on schedule before the gap.
      const config = loadConfig({});
      const runner = new JobRunner(ds, config);
      runner.logSuccess = false;
      const compliance = new ComplianceService(ds, config, runner);
      for (const month of months.slice(0, 3)) {
        expect((await compliance.scoreJob(month, reportingCutoff(month, 30), 'SCHEDULE')).outcome).toBe(
          'SUCCEEDED',
        );
      }
      const apps: RunningApp[] = [];
      try {
        const env = jobsEnv(url, { JOB_REPORTS_CATCH_UP_MONTHS: '1' });
        apps.push(await startTestApp(env), await startTestApp(env));
        await until(async () => (await scheduled(ds)).length === months.length, 60_000, 'the catch-up');
        await until(
          async () =>
            (await ds.query(`SELECT 1 FROM job_run WHERE job = 'MONTHLY_REPORTS' AND outcome = 'SUCCEEDED'`))
              .length > 0,
          60_000,
          'the monthly reports',
        );
        await new Promise((resolve) => setTimeout(resolve, 2500)); // both replicas tick twice more
      } finally {
        for (const app of apps) await app.close();
      }
      expect(await scheduled(ds)).toEqual(months.map((period) => ({ period, runs: 1 })));
      expect(await snapshotsPerMonth(ds)).toEqual(months.map((period) => ({ period, snapshots: 1 })));
      const order: { period: string }[] = await ds.query(
        `SELECT period FROM job_run WHERE job = 'MONTHLY_SCORING' AND outcome = 'SUCCEEDED' ORDER BY started_at`,
      );
      expect(order.map((r) => r.period)).toEqual(months);
      // The reports of the last closed month: both kinds, both languages, from its snapshot, once.
      expect(
        await ds.query(
          `SELECT r.kind, r.language, count(*)::int AS n FROM report r
             JOIN compliance_snapshot s ON s.id = r.snapshot_id AND s.period = r.period
            GROUP BY r.kind, r.language, to_char(r.period, 'YYYY-MM') ORDER BY 1, 2`,
        ),
      ).toEqual([
        { kind: 'BEIJING_SUBSIDY_MONTHLY', language: 'en', n: 1 },
        { kind: 'BEIJING_SUBSIDY_MONTHLY', language: 'zh-CN', n: 1 },
        { kind: 'NATIONAL_MONTHLY', language: 'en', n: 1 },
        { kind: 'NATIONAL_MONTHLY', language: 'zh-CN', n: 1 },
      ]);
      expect(
        await ds.query(
          `SELECT period, count(*)::int AS runs FROM job_run WHERE job = 'MONTHLY_REPORTS' AND outcome = 'SUCCEEDED' GROUP BY period`,
        ),
      ).toEqual([{ period: months.at(-1), runs: 1 }]);
    } finally {
      await ds.destroy();
    }
  }, 120_000);

  it('a run that times out fails, backs off, and succeeds on a later attempt', async () => {
    const url = await createScratchDatabase('jobs_retry', { reference: true });
    const ds = await openDataSource(url);
    const blocker = ds.createQueryRunner();
    let app: RunningApp | undefined;
    try {
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query(`LOCK TABLE compliance_snapshot IN EXCLUSIVE MODE`);
      app = await startTestApp(jobsEnv(url, { JOB_TIMEOUT_MS: '1000', JOB_RETRY_BASE_MS: '1500' }));
      await until(
        async () => (await ds.query(`SELECT 1 FROM job_run WHERE outcome = 'FAILED'`)).length > 0,
        20_000,
        'a failed run',
      );
      await blocker.rollbackTransaction();
      await until(async () => (await scheduled(ds)).length === months.length, 60_000, 'the retries');
      const [first] = await ds.query(
        `SELECT attempt, error, retry_after - finished_at AS backoff FROM job_run
          WHERE outcome = 'FAILED' ORDER BY started_at LIMIT 1`,
      );
      expect(first.error).toMatch(/statement timeout|timeout/);
      expect(first.attempt).toBe(1);
      const [retried] = await ds.query(
        `SELECT attempt FROM job_run WHERE period = $1 AND outcome = 'SUCCEEDED' AND trigger = 'SCHEDULE'`,
        [months[0]],
      );
      expect(retried.attempt).toBeGreaterThanOrEqual(2);
    } finally {
      await app?.close();
      await blocker.release();
      await ds.destroy();
    }
  }, 120_000);

  it('a replica killed mid-run leaves no partial snapshot, and the next start completes the month once', async () => {
    buildOnce();
    const url = await createScratchDatabase('jobs_kill', { reference: true });
    const ds = await openDataSource(url);
    const blocker = ds.createQueryRunner();
    let app: RunningApp | undefined;
    try {
      // Hold the snapshot table so that the child's first run stops at its insert, mid-transaction.
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query(`LOCK TABLE compliance_snapshot IN EXCLUSIVE MODE`);
      const child = spawnServer(jobsEnv(url, { JOB_MONTHLY_CRON: '0 0 1 1 *' }));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await until(
        async () => (await ds.query(`SELECT 1 FROM job_run WHERE outcome = 'RUNNING'`)).length > 0,
        30_000,
        'the child to start scoring',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGKILL');
      await exited;
      await blocker.rollbackTransaction();

      expect(await ds.query(`SELECT count(*)::int AS n FROM compliance_snapshot`)).toEqual([{ n: 0 }]);
      expect(await ds.query(`SELECT count(*)::int AS n FROM compliance_result`)).toEqual([{ n: 0 }]);
      const [killed] = await ds.query(`SELECT id, period FROM job_run WHERE outcome = 'RUNNING'`);
      expect(killed.period).toBe(months[0]);

      app = await startTestApp(jobsEnv(url));
      await until(
        async () => (await scheduled(ds)).length === months.length,
        60_000,
        'the restart to catch up',
      );
      expect(await ds.query(`SELECT outcome FROM job_run WHERE id = $1`, [killed.id])).toEqual([
        { outcome: 'ABANDONED' },
      ]);
      expect(await scheduled(ds)).toEqual(months.map((period) => ({ period, runs: 1 })));
      expect(await snapshotsPerMonth(ds)).toEqual(months.map((period) => ({ period, snapshots: 1 })));
    } finally {
      await app?.close();
      await blocker.release();
      await ds.destroy();
    }
  }, 180_000);
  it('a server killed at random points, many times, still leaves one snapshot and one report per month, reproducible', async () => {
    buildOnce();
    const url = await createScratchDatabase('jobs_chaos', { reference: true });
    const ds = await openDataSource(url);
    // Every kill mid-run counts as a failed attempt of that run; allow enough attempts to outlast the kills.
    const env = jobsEnv(url, {
      JOB_REPORTS_CATCH_UP_MONTHS: '1',
      JOB_RETRY_BASE_MS: '0',
      JOB_MAX_ATTEMPTS: '50',
    });
    let app: RunningApp | undefined;
    const kills: number[] = [];
    try {
      for (let round = 0; round < 8; round++) {
        const spawned = new Date();
        const child = spawnServer(env);
        const exited = new Promise((resolve) => child.on('exit', resolve));
        // Killed at a random moment of a job it is running: scoring a month, or rendering a report.
        const running = await until(
          async () =>
            (await ds.query(`SELECT 1 FROM job_run WHERE outcome = 'RUNNING' AND started_at > $1`, [spawned]))
              .length > 0,
          20_000,
          'a job to start',
        ).then(
          () => true,
          () => false,
        );
        const after = Math.floor(Math.random() * 800);
        if (running) kills.push(after);
        await new Promise((resolve) => setTimeout(resolve, after));
        child.kill('SIGKILL');
        await exited;
        if (!running) break; // nothing left to interrupt
      }
      app = await startTestApp(env);
      const last = months.at(-1)!;
      await until(
        async () =>
          (await scheduled(ds)).length === months.length &&
          (await ds.query(`SELECT 1 FROM report WHERE to_char(period, 'YYYY-MM') = $1`, [last])).length === 4,
        120_000,
        'the catch-up and the reports after the kills',
      );

      expect(await scheduled(ds)).toEqual(months.map((period) => ({ period, runs: 1 })));
      expect(await snapshotsPerMonth(ds)).toEqual(months.map((period) => ({ period, snapshots: 1 })));
      expect(
        await ds.query(
          `SELECT kind, language, count(*)::int AS n FROM report GROUP BY kind, language, period ORDER BY 1, 2`,
        ),
      ).toEqual([
        { kind: 'BEIJING_SUBSIDY_MONTHLY', language: 'en', n: 1 },
        { kind: 'BEIJING_SUBSIDY_MONTHLY', language: 'zh-CN', n: 1 },
        { kind: 'NATIONAL_MONTHLY', language: 'en', n: 1 },
        { kind: 'NATIONAL_MONTHLY', language: 'zh-CN', n: 1 },
      ]);
      const reportRuns = await ds.query(
        `SELECT count(*)::int AS n FROM job_run WHERE job = 'MONTHLY_REPORTS' AND outcome = 'SUCCEEDED' AND trigger <> 'MANUAL'`,
      );
      expect(reportRuns).toEqual([{ n: 1 }]);
      // Every run a kill cut short was found dead and done again; none of its work was kept.
      const [{ abandoned }] = await ds.query(
        `SELECT count(*)::int AS abandoned FROM job_run WHERE outcome = 'ABANDONED'`,
      );
      // (A kill can also land just after a run committed, before the next began: then nothing was running.)
      expect(kills.length).toBeGreaterThanOrEqual(3);
      expect(abandoned).toBeGreaterThanOrEqual(1);
      expect(abandoned).toBeLessThanOrEqual(kills.length);

      // Identical contents: the month scored again by hand with the same cut-off gives the same results, and every
      // archived report renders again to the same bytes (else REPORT_NOT_REPRODUCIBLE).
      const [official] = await ds.query(
        `SELECT id, data_cutoff AS cutoff FROM compliance_snapshot WHERE to_char(period, 'YYYY-MM') = $1`,
        [last],
      );
      const again = await app.app
        .get(ComplianceService)
        .run(last, { cutoff: new Date(official.cutoff), trigger: 'MANUAL' });
      const results = (snapshot: string) =>
        ds.query(
          `SELECT to_jsonb(r) - 'snapshot_id' AS row FROM compliance_result r WHERE snapshot_id = $1
            ORDER BY target_code, region_code`,
          [snapshot],
        );
      const officialResults = await results(official.id);
      expect(officialResults.length).toBeGreaterThan(0);
      expect(await results(again.id)).toEqual(officialResults);
      const reports = app.app.get(ReportsService);
      for (const [kind, language] of [
        ['NATIONAL_MONTHLY', 'zh-CN'],
        ['NATIONAL_MONTHLY', 'en'],
        ['BEIJING_SUBSIDY_MONTHLY', 'zh-CN'],
        ['BEIJING_SUBSIDY_MONTHLY', 'en'],
      ] as const) {
        const [stored] = await ds.query(`SELECT id FROM report WHERE kind = $1 AND language = $2`, [
          kind,
          language,
        ]);
        expect((await reports.generate(kind, last, language, { trigger: 'MANUAL' })).id).toBe(stored.id);
      }
    } finally {
      await app?.close();
      await ds.destroy();
    }
  }, 400_000);
});
