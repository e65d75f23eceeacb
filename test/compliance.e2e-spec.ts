/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked field by field */
import { Decimal } from 'decimal.js';
import type { RunningApp } from '../src/bootstrap.js';
import { lastClosedPeriod, reportingCutoff } from '../src/common/periods.js';
import { JobScheduler } from '../src/jobs/scheduler.service.js';
import { countStatements, dataSourceOf, errorCodes, gql, login, startTestApp } from './helpers.js';

const COMPLIANCE = `query ($p: Period!) {
  compliance(period: $p) {
    id period dataCutoff methodologyVersion synthetic trigger summary { status count }
    targets {
      target { code } status method measuredValue expectedValue projectedValue coverage numerator denominator
      reportingUnits inScopeUnits threshold explanation history { period value }
      byRegion { region { code } status measuredValue coverage rank }
    }
  }
}`;

describe('compliance over GraphQL (demo data)', () => {
  let app: RunningApp;
  let regulator: string;
  let company: string;
  // The demo seed scored every closed month at the close of its reporting window.
  const period = lastClosedPeriod(new Date(), 30);

  beforeAll(async () => {
    app = await startTestApp();
    regulator = await login(app, 'regulator@yardstick.test');
    company = await login(app, 'company-a@yardstick.test');
  });
  afterAll(() => app?.close());

  it('returns the latest snapshot of a month with every component, in a bounded number of statements', async () => {
    let result: any;
    const statements = await countStatements(app, async () => {
      result = await gql(app, COMPLIANCE, { p: period }, regulator);
    });
    expect(result.errors).toBeUndefined();
    const snapshot = result.data.compliance;
    expect(snapshot).toMatchObject({
      period,
      synthetic: true,
      trigger: 'SEED',
      methodologyVersion: 'yardstick-scoring/1.0',
    });
    expect(new Date(snapshot.dataCutoff).toISOString()).toBe(reportingCutoff(period, 30).toISOString());
    expect(snapshot.targets.map((t: any) => t.target.code)).toContain('NHC-2030-IMAGING-AI');
    expect(snapshot.summary.reduce((n: number, s: any) => n + s.count, 0)).toBe(snapshot.targets.length);
    for (const t of snapshot.targets) {
      expect(t.explanation).toMatch(new RegExp(`^${t.status}`));
      if (t.status !== 'NO_DATA') expect(t.measuredValue).not.toBeNull();
    }
    const imaging = snapshot.targets.find((t: any) => t.target.code === 'NHC-2030-IMAGING-AI');
    expect(imaging.byRegion).toHaveLength(31);
    expect(imaging.history.at(-1)).toEqual({ period, value: imaging.measuredValue });
    expect(statements).toBeLessThanOrEqual(8);
  });

  it('breaks a national share down by province exactly as an independent count of the raw reports', async () => {
    const result = await gql(app, COMPLIANCE, { p: period }, regulator);
    const snapshot = result.data.compliance;
    const target = snapshot.targets.find((t: any) => t.target.code === 'NHC-2030-IMAGING-AI');
    const ds = dataSourceOf(app);
    const [version] = await ds.query(
      `SELECT scope_tiers AS tiers FROM target_version WHERE id = (
         SELECT target_version_id FROM compliance_result WHERE snapshot_id = $1 AND target_code = 'NHC-2030-IMAGING-AI' LIMIT 1)`,
      [snapshot.id],
    );
    const hospitals: { id: string; region: string; tier: string }[] = await ds.query(
      `SELECT id, region_code AS region, tier FROM hospital
        WHERE registered_from < $1::date + interval '1 month'
          AND (registered_until IS NULL OR registered_until >= $1::date + interval '1 month')`,
      [`${period}-01`],
    );
    const reports: { hospital: string; period: string; revision: number; value: string }[] = await ds.query(
      `SELECT hospital_id AS hospital, to_char(period, 'YYYY-MM') AS period, revision, value::text
         FROM adoption_report
        WHERE indicator_code = 'IMAGING_AI' AND period > $1::date - interval '3 months' AND period <= $1::date
          AND reported_at <= $2`,
      [`${period}-01`, snapshot.dataCutoff],
    );
    // The latest month, then the latest revision, of each hospital: a plain loop, nothing shared with the SQL.
    const latest = new Map<string, { period: string; revision: number; value: string }>();
    for (const r of reports) {
      const seen = latest.get(r.hospital);
      if (!seen || r.period > seen.period || (r.period === seen.period && r.revision > seen.revision)) {
        latest.set(r.hospital, r);
      }
    }
    const byProvince = new Map<string, { inScope: number; reporting: number; yes: number }>();
    for (const h of hospitals.filter((h) => version.tiers.includes(h.tier))) {
      const p = byProvince.get(h.region) ?? { inScope: 0, reporting: 0, yes: 0 };
      p.inScope++;
      const value = latest.get(h.id);
      if (value) {
        p.reporting++;
        if (Number(value.value) === 1) p.yes++;
      }
      byProvince.set(h.region, p);
    }
    const expected = [...byProvince.entries()]
      .map(([code, p]) => ({
        code,
        value: new Decimal(p.yes)
          .div(p.reporting)
          .mul(100)
          .toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
          .toString(),
        coverage: new Decimal(p.reporting)
          .div(p.inScope)
          .mul(100)
          .toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
          .toString(),
      }))
      .sort((a, b) => new Decimal(b.value).comparedTo(a.value) || a.code.localeCompare(b.code))
      .map((e, i) => ({
        region: { code: e.code },
        measuredValue: e.value,
        coverage: e.coverage,
        rank: i + 1,
      }));
    expect(target.byRegion.map(({ status: _s, ...r }: any) => r)).toEqual(expected);
    const nation = [...byProvince.values()].reduce(
      (s, p) => ({ reporting: s.reporting + p.reporting, yes: s.yes + p.yes }),
      { reporting: 0, yes: 0 },
    );
    expect(target.measuredValue).toBe(
      new Decimal(nation.yes)
        .div(nation.reporting)
        .mul(100)
        .toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
        .toString(),
    );
  });

  it('re-scoring a month with the same cut-off gives the same numbers; the run is in the job history', async () => {
    const seeded = (await gql(app, COMPLIANCE, { p: period }, regulator)).data.compliance;
    const run = await gql(
      app,
      `mutation ($p: Period!, $c: DateTime) { runComplianceScoring(period: $p, cutoff: $c) { id trigger jobRunId } }`,
      { p: period, c: seeded.dataCutoff },
      regulator,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data.runComplianceScoring).toMatchObject({ trigger: 'MANUAL' });
    const again = (await gql(app, COMPLIANCE, { p: period }, regulator)).data.compliance;
    expect(again.id).toBe(run.data.runComplianceScoring.id);
    expect(again.targets).toEqual(seeded.targets);

    const runs = await gql(
      app,
      `{ jobRuns(first: 5) { totalCount edges { node { id job period trigger outcome replica result finishedAt } } } }`,
      {},
      regulator,
    );
    expect(runs.data.jobRuns.edges[0].node).toMatchObject({
      id: run.data.runComplianceScoring.jobRunId,
      job: 'MONTHLY_SCORING',
      period,
      trigger: 'MANUAL',
      outcome: 'SUCCEEDED',
      result: { snapshotId: run.data.runComplianceScoring.id },
    });
  });

  it('answers Target.compliance and lists snapshots newest first in pages', async () => {
    const result = await gql(
      app,
      `query ($p: Period!) { target(code: "NHC-2030-CDS-AI") { code compliance(period: $p) { status measuredValue } }
         complianceSnapshots(first: 2) { totalCount edges { cursor node { period createdAt } } pageInfo { hasNextPage endCursor } } }`,
      { p: period },
      regulator,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.target.compliance.status).toMatch(
      /^(ACHIEVED|ON_TRACK|AT_RISK|OFF_TRACK|MISSED|NO_DATA)$/,
    );
    const page = result.data.complianceSnapshots;
    expect(page.edges).toHaveLength(2);
    expect(page.totalCount).toBeGreaterThanOrEqual(40);
    const next = await gql(
      app,
      `query ($a: String) { complianceSnapshots(first: 2, after: $a) { edges { node { createdAt } } } }`,
      { a: page.pageInfo.endCursor },
      regulator,
    );
    expect(next.data.complianceSnapshots.edges[0].node.createdAt <= page.edges[1].node.createdAt).toBe(true);
  });

  it('refuses companies, the future and months that have not ended, with the field at fault', async () => {
    expect(errorCodes(await gql(app, COMPLIANCE, { p: period }, company))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(app, COMPLIANCE, { p: period }))).toEqual(['UNAUTHENTICATED']);
    const field = await gql(
      app,
      `query ($p: Period!) { target(code: "NHC-2030-CDS-AI") { compliance(period: $p) { status } } }`,
      { p: period },
      company,
    );
    expect(errorCodes(field)).toEqual(['FORBIDDEN']);
    const mutation = `mutation ($p: Period!, $c: DateTime) { runComplianceScoring(period: $p, cutoff: $c) { id } }`;
    expect(errorCodes(await gql(app, mutation, { p: period }, company))).toEqual(['FORBIDDEN']);
    const future = await gql(app, mutation, { p: period, c: '2099-01-01T00:00:00Z' }, regulator);
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cutoff' });
    const open = await gql(app, mutation, { p: '2099-01' }, regulator);
    expect(open.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const malformed = await gql(app, mutation, { p: '2026-13' }, regulator);
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
  });

  it('runs the daily data-quality check once per day, with completeness by indicator', async () => {
    const scheduler = app.app.get(JobScheduler);
    const day = new Date('2026-11-24T20:00:00Z'); // 04:00 on 25 November in Beijing
    await scheduler.dailyTick(day);
    await scheduler.dailyTick(day);
    const runs = await dataSourceOf(app).query(
      `SELECT outcome, result FROM job_run WHERE job = 'DAILY_DATA_QUALITY' AND period = '2026-11-25'`,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0].outcome).toBe('SUCCEEDED');
    expect(runs[0].result.month).toBe('2026-10');
    const [{ hospitals }] = await dataSourceOf(app).query(`SELECT count(*)::int AS hospitals FROM hospital`);
    expect(runs[0].result.indicators.map((i: any) => i.indicator)).toEqual([
      'CDS_AI',
      'IMAGING_AI',
      'LLM_DIAGNOSIS',
      'SPECIALIST_DEPT_AI',
    ]);
    for (const i of runs[0].result.indicators) {
      expect(i.registered).toBe(hospitals);
      expect(i.reported).toBeGreaterThan(0);
      expect(i.reported).toBeLessThanOrEqual(i.registered);
    }
  });
});
