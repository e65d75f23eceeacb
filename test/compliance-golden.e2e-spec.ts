/* eslint-disable @typescript-eslint/no-explicit-any -- rows are checked field by field */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.js';
import { scorePeriod } from '../src/compliance/scoring.js';
import { createScratchDatabase } from './helpers.js';

/**
 * Golden cases on hand-made data in a database of their own: ten hospitals in Beijing, one indicator per case,
 * scored for 2026-05, 2026-06 and 2026-07 in that order (the projection reads the earlier months' snapshots).
 * Every figure below is worked out by hand in the comments.
 */
describe('scoring on hand-made data', () => {
  let ds: DataSource;
  const snapshots: Record<string, string> = {};
  const hospitals = Array.from({ length: 10 }, (_, i) => `GOLD-${String(i + 1).padStart(2, '0')}`);

  /** Hospitals 1..yes report 1, the next ones up to `reporting` report 0, reported five days after the month. */
  async function report(indicator: string, month: string, yes: number, reporting = 10, reportedAt?: string) {
    const at = reportedAt ?? endPlus(month, 5);
    for (let i = 0; i < reporting; i++) {
      await ds.query(
        `INSERT INTO adoption_report (hospital_id, indicator_code, period, revision, value, reported_at)
         VALUES ($1, $2, $3, 1, $4, $5)`,
        [hospitals[i], indicator, `${month}-01`, i < yes ? 1 : 0, at],
      );
    }
  }

  function endPlus(month: string, days: number): string {
    const [y, m] = month.split('-').map(Number);
    return new Date(Date.UTC(y, m, days)).toISOString();
  }

  async function target(code: string, terms: Record<string, unknown>) {
    const t = {
      unit: 'BOOLEAN',
      aggregation: 'SHARE',
      comparator: 'AT_LEAST',
      threshold: '100',
      baseline_period: '2026-01-01',
      baseline_value: '0',
      deadline: '2027-01-01',
      milestones: '[]',
      scoring_method: 'LINEAR',
      tolerance: '0',
      min_coverage: '60',
      ...terms,
    };
    await ds.query(
      `INSERT INTO indicator (code, name_zh, name_en, definition_zh, definition_en, unit, reporting_level, min_value, max_value)
       VALUES ($1, $1, $1, 'test', 'test', $2, 'HOSPITAL', 0, $3)`,
      [code, t.unit, t.unit === 'BOOLEAN' ? 1 : 100],
    );
    await ds.query(`INSERT INTO target (code, policy_code) VALUES ($1, 'GOLD')`, [code]);
    await ds.query(
      `INSERT INTO target_version (target_code, effective_from, title_zh, title_en, indicator_code, scope_region_code,
         scope_tiers, scope_types, aggregation, comparator, threshold, baseline_period, baseline_value, deadline,
         milestones, scoring_method, tolerance, min_coverage, authority_level, confidence, source_clause, qualitative)
       VALUES ($1, '2026-01-01', $1, $1, $1, '110000', '{}', '{}', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               'NATIONAL_GOVERNMENT', 'PRIMARY_TEXT', 'test', false)`,
      [
        code,
        t.aggregation,
        t.comparator,
        t.threshold,
        t.baseline_period,
        t.baseline_value,
        t.deadline,
        t.milestones,
        t.scoring_method,
        t.tolerance,
        t.min_coverage,
      ],
    );
  }

  async function score(month: string, cutoff: string): Promise<string> {
    return ds.transaction((m) =>
      scorePeriod(m, { period: `${month}-01`, cutoff: new Date(cutoff), trigger: 'MANUAL' }),
    );
  }

  async function result(snapshot: string, code: string): Promise<any> {
    const [row] = await ds.query(
      `SELECT status, method, measured_value::text AS measured, expected_value::text AS expected,
              projected_value::text AS projected, coverage::text, numerator::text, denominator::text,
              reporting_units AS reporting, in_scope_units AS "inScope", growth_ratio::text AS growth,
              baseline_value::text AS baseline, projection_points AS points, explanation
         FROM compliance_result WHERE snapshot_id = $1 AND target_code = $2`,
      [snapshot, code],
    );
    return row;
  }

  beforeAll(async () => {
    const url = await createScratchDatabase('golden');
    ds = new DataSource({ ...dataSourceOptions(url, { poolSize: 2 }), logging: false });
    await ds.initialize();
    await ds.query(`
      INSERT INTO region (code, parent_code, level, name_zh, name_en) VALUES
        ('100000', NULL, 'NATION', '全国', 'China'), ('110000', '100000', 'PROVINCE', '北京市', 'Beijing')`);
    for (const id of hospitals) {
      await ds.query(
        `INSERT INTO hospital (id, region_code, name_zh, name_en, tier, type, registered_from, synthetic)
         VALUES ($1, '110000', $1, $1, 'SECONDARY', 'GENERAL', '2020-01-01', true)`,
        [id],
      );
    }
    await ds.query(`
      INSERT INTO policy (code, title_zh, title_en, issuer_zh, issuer_en, issued_on, authority_level, confidence,
                          summary_en, source_title, source_publisher, source_date, verification_note)
      VALUES ('GOLD', '测试', 'Test', '测试', 'Test', '2026-01-01', 'NATIONAL_GOVERNMENT', 'PRIMARY_TEXT', 'test',
              'test', 'test', '2026-01-01', 'hand-made test data')`);

    await target('G_ACHIEVED', { threshold: '60' });
    await target('G_ON_TRACK', {});
    await target('G_AT_RISK', {});
    await target('G_OFF_TRACK', {});
    await target('G_MISSED', { deadline: '2026-03-01' });
    await target('G_NO_DATA', {});
    await target('G_AT_MOST', {
      unit: 'PERCENT',
      aggregation: 'MEAN',
      comparator: 'AT_MOST',
      baseline_value: '50',
      threshold: '20',
    });
    await target('G_PIECEWISE', {
      scoring_method: 'PIECEWISE',
      threshold: '90',
      milestones: JSON.stringify([{ period: '2026-04-01', value: '60' }]),
    });
    await target('G_GROWTH', {
      scoring_method: 'GROWTH_RATIO',
      baseline_value: '10',
      threshold: '40',
      deadline: '2028-01-01',
    });
    await target('G_CORRECTED', { threshold: '90' });
    await target('G_STALE', { threshold: '90' });
    await target('G_MEASURED_BASELINE', { baseline_period: '2026-05-01', baseline_value: null });

    for (const [month, share] of [
      ['2026-05', 2],
      ['2026-06', 3],
      ['2026-07', 4],
    ] as const) {
      await report('G_AT_RISK', month, share);
      await report('G_OFF_TRACK', month, 1);
      await report('G_MEASURED_BASELINE', month, share);
    }
    await report('G_ACHIEVED', '2026-07', 8);
    await report('G_ON_TRACK', '2026-07', 5);
    await report('G_MISSED', '2026-07', 5);
    await report('G_NO_DATA', '2026-07', 5, 5);
    for (const id of hospitals) {
      await ds.query(
        `INSERT INTO adoption_report (hospital_id, indicator_code, period, revision, value, reported_at)
         VALUES ($1, 'G_AT_MOST', '2026-07-01', 1, 30, '2026-08-05')`,
        [id],
      );
    }
    await report('G_PIECEWISE', '2026-07', 7);
    await report('G_GROWTH', '2026-07', 2);
    await report('G_CORRECTED', '2026-07', 6);
    // Hospital 1's July value corrected from yes to no on 15 September, after the first cut-off.
    await ds.query(
      `INSERT INTO adoption_report (hospital_id, indicator_code, period, revision, value, reported_at)
       VALUES ('GOLD-01', 'G_CORRECTED', '2026-07-01', 2, 0, '2026-09-15')`,
    );
    // All ten said yes in May; in July six say no and four say nothing: their May answer still stands (w = 3).
    await report('G_STALE', '2026-05', 10);
    await report('G_STALE', '2026-07', 0, 6);

    snapshots['2026-05'] = await score('2026-05', '2026-06-30T16:00:00Z');
    snapshots['2026-06'] = await score('2026-06', '2026-07-31T16:00:00Z');
    snapshots['2026-07'] = await score('2026-07', '2026-08-31T16:00:00Z');
  });

  afterAll(() => ds?.destroy());

  it('ACHIEVED: 8 of 10 hospitals is 80 %, over the threshold of 60', async () => {
    expect(await result(snapshots['2026-07'], 'G_ACHIEVED')).toMatchObject({
      status: 'ACHIEVED',
      measured: '80',
      numerator: '8',
      denominator: '10',
      coverage: '100',
    });
  });

  it('ON_TRACK from a zero baseline: 50 % in July is on the line from 0 (Jan 2026) to 100 (Jan 2027)', async () => {
    expect(await result(snapshots['2026-07'], 'G_ON_TRACK')).toMatchObject({
      status: 'ON_TRACK',
      measured: '50',
      expected: '50',
      baseline: '0',
    });
  });

  it('AT_RISK: 40 % is behind 50 %, but 20, 30, 40 projects to 100 by January 2027', async () => {
    expect(await result(snapshots['2026-07'], 'G_AT_RISK')).toMatchObject({
      status: 'AT_RISK',
      measured: '40',
      expected: '50',
      projected: '100',
      points: 3,
    });
  });

  it('OFF_TRACK: a flat 10 % projects to 10 %; with fewer than three months there is no projection', async () => {
    expect(await result(snapshots['2026-07'], 'G_OFF_TRACK')).toMatchObject({
      status: 'OFF_TRACK',
      projected: '10',
      points: 3,
    });
    expect(await result(snapshots['2026-06'], 'G_OFF_TRACK')).toMatchObject({
      status: 'OFF_TRACK',
      projected: null,
      points: 2,
    });
  });

  it('MISSED: the deadline month (March 2026) has passed and 50 % does not meet 100 %', async () => {
    expect(await result(snapshots['2026-07'], 'G_MISSED')).toMatchObject({
      status: 'MISSED',
      measured: '50',
    });
  });

  it('NO_DATA: 5 of 10 hospitals reporting is 50 % coverage, under the minimum of 60 %, whatever the value', async () => {
    expect(await result(snapshots['2026-07'], 'G_NO_DATA')).toMatchObject({
      status: 'NO_DATA',
      coverage: '50',
      reporting: 5,
      inScope: 10,
    });
  });

  it('an "at most" target: a mean of 30 is within the expected 35 on the way from 50 down to 20', async () => {
    expect(await result(snapshots['2026-07'], 'G_AT_MOST')).toMatchObject({
      status: 'ON_TRACK',
      measured: '30',
      expected: '35',
    });
  });

  it('piecewise: 60 by April, then on to 90 by January 2027, expects 70 in July', async () => {
    expect(await result(snapshots['2026-07'], 'G_PIECEWISE')).toMatchObject({
      status: 'ON_TRACK',
      method: 'PIECEWISE',
      measured: '70',
      expected: '70',
    });
  });

  it('growth ratio: doubling in six months against quadrupling in 24 is R = 2.06, on track', async () => {
    const row = await result(snapshots['2026-07'], 'G_GROWTH');
    expect(row).toMatchObject({ status: 'ON_TRACK', method: 'GROWTH_RATIO', measured: '20' });
    expect(Number(row.growth)).toBeCloseTo(2.0596, 3);
    // Expected on the compound path: 10 * 4^(6/24) = 14.142136
    expect(row.expected).toBe('14.142136');
  });

  it('a correction after the cut-off does not change the snapshot; a later cut-off takes it', async () => {
    expect(await result(snapshots['2026-07'], 'G_CORRECTED')).toMatchObject({
      measured: '60',
      numerator: '6',
    });
    const again = await score('2026-07', '2026-08-31T16:00:00Z');
    expect(await result(again, 'G_CORRECTED')).toEqual(await result(snapshots['2026-07'], 'G_CORRECTED'));
    const later = await score('2026-07', '2026-09-30T16:00:00Z');
    expect(await result(later, 'G_CORRECTED')).toMatchObject({ measured: '50', numerator: '5' });
  });

  it('re-scoring a period with the same cut-off gives the same numbers for every target', async () => {
    const again = await score('2026-07', '2026-08-31T16:00:00Z');
    const all = async (id: string) =>
      ds.query(
        `SELECT target_code, region_code, status, measured_value::text, expected_value::text, projected_value::text,
                coverage::text, history FROM compliance_result WHERE snapshot_id = $1 ORDER BY target_code, region_code`,
        [id],
      );
    expect(await all(again)).toEqual(await all(snapshots['2026-07']));
  });

  it('a report stands for three months: four May answers still count in July', async () => {
    expect(await result(snapshots['2026-07'], 'G_STALE')).toMatchObject({
      measured: '40',
      numerator: '4',
      reporting: 10,
    });
  });

  it('a baseline without a value is measured in its month (20 % in May)', async () => {
    expect(await result(snapshots['2026-07'], 'G_MEASURED_BASELINE')).toMatchObject({
      baseline: '20',
      measured: '40',
    });
  });

  it('snapshots cannot be changed or deleted', async () => {
    await expect(ds.query(`UPDATE compliance_result SET status = 'ACHIEVED'`)).rejects.toThrow(/immutable/);
    await expect(ds.query(`DELETE FROM compliance_snapshot`)).rejects.toThrow(/immutable/);
  });
});
