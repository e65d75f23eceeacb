import type { EntityManager } from 'typeorm';
import { addMonths } from '../common/periods.js';
import type { JobTrigger } from '../jobs/job-runner.js';
import type { Aggregation } from '../policies/target-version.entity.js';
import { AGGREGATE_SQL, HELD_SQL, NEED_SQL } from './measure.sql.js';
import { HISTORY_MONTHS, LEDGER_INDICATORS, METHODOLOGY_VERSION, STALENESS_MONTHS } from './methodology.js';
import {
  measure,
  score,
  ScoringDecimal as D,
  type HistoryPoint,
  type Measurement,
  type MonthAggregate,
  type TargetSpec,
} from './rules.js';

export interface ScoringRequest {
  /** First day of the scored month, YYYY-MM-01. */
  period: string;
  cutoff: Date;
  trigger: JobTrigger;
  jobRunId?: string | null;
  createdBy?: string | null;
}

/** A target version in force: its scoring terms plus what locates it. */
interface VersionRow extends TargetSpec {
  id: string;
  targetCode: string;
  scopeRegionCode: string;
}

interface AggregateRow extends MonthAggregate {
  versionId: string;
  month: string;
  province: string | null;
}

/** Breakdown by province: only where a national threshold reads the same for a province (a share or a mean). */
const BREAKDOWN_AGGREGATIONS: Aggregation[] = ['SHARE', 'REGION_RATIO', 'MEAN'];
const NATION = '100000';

/** Sums province rows into the target's whole scope; sums are exact decimals (numeric text from PostgreSQL). */
function rollUp(rows: AggregateRow[]): MonthAggregate | undefined {
  if (rows.length === 0) return undefined;
  const sum = (pick: (r: AggregateRow) => string | null): string | null => {
    const present = rows.map(pick).filter((v): v is string => v !== null);
    if (present.length === 0) return null;
    return present.reduce((acc, v) => acc.add(v), new D(0)).toString();
  };
  const maxima = rows.map((r) => r.maximum).filter((v): v is string => v !== null);
  return {
    inScope: rows.reduce((s, r) => s + r.inScope, 0),
    reporting: rows.reduce((s, r) => s + r.reporting, 0),
    yes: rows.reduce((s, r) => s + r.yes, 0),
    total: sum((r) => r.total),
    maximum: maxima.length ? D.max(...maxima).toString() : null,
    numerator: sum((r) => r.numerator),
    denominator: sum((r) => r.denominator),
  };
}

/** A baseline taken from the snapshot of its month: usable unless that month had too little data. */
function recordedMeasurement(row: { value: string | null; status: string } | undefined): Measurement {
  const usable = row !== undefined && row.status !== 'NO_DATA' && row.value !== null;
  return {
    value: usable ? new D(row.value!) : null,
    numerator: null,
    denominator: null,
    coverage: null,
    reporting: 0,
    inScope: 0,
    usable,
  };
}

/**
 * Scores every target in force for one period as the data stood at the cut-off, and writes the snapshot.
 * Run inside the caller's transaction: the snapshot appears whole or not at all.
 */
export async function scorePeriod(m: EntityManager, request: ScoringRequest): Promise<string> {
  const { period, cutoff } = request;
  await m.query(`SET LOCAL work_mem = '64MB'`);
  // The statements are short; compiling them with LLVM costs more than it saves.
  await m.query(`SET LOCAL jit = off`);
  await m.query(`DROP TABLE IF EXISTS scoring_need, scoring_held`);
  await m.query(NEED_SQL, [period, LEDGER_INDICATORS, cutoff, METHODOLOGY_VERSION]);
  await m.query(HELD_SQL, [cutoff, STALENESS_MONTHS]);
  await m.query(`ANALYZE scoring_need`);
  // scoring_held is not analysed (that costs more than it saves); without its statistics the planner would guess
  // a few rows and nest loops over tens of thousands, so hash joins are all it may use for this statement.
  await m.query(`SET LOCAL enable_nestloop = off`);
  const aggregates: AggregateRow[] = await m.query(AGGREGATE_SQL, [cutoff]);
  await m.query(`SET LOCAL enable_nestloop = on`);

  const versions: VersionRow[] = await m.query(
    `SELECT v.id, v.target_code AS "targetCode", v.scope_region_code AS "scopeRegionCode", v.aggregation,
            v.comparator, v.threshold::text, to_char(v.baseline_period, 'YYYY-MM-DD') AS "baselinePeriod",
            v.baseline_value::text AS "baselineValue", to_char(v.deadline, 'YYYY-MM-DD') AS deadline, v.milestones,
            v.scoring_method AS method, v.tolerance::text, v.min_coverage::text AS "minCoverage",
            v.indicator_code = ANY($1::text[]) AS ledger
       FROM target_version v WHERE v.id IN (SELECT DISTINCT tv_id FROM scoring_need)
      ORDER BY v.target_code`,
    [LEDGER_INDICATORS],
  );
  await m.query(`DROP TABLE scoring_need, scoring_held`);

  // Earlier months come from earlier snapshots: for each month, its latest snapshot made by the same methodology
  // with a cut-off no later than this one. They give the projection its points (the last 12 months) and a measured
  // baseline its value (NEED_SQL measured the baseline month only where no such snapshot holds the target).
  const baselinePeriods = versions
    .map((v) => v.baselinePeriod)
    .filter((b): b is string => b !== null && b < period);
  const historyPeriods = Array.from(
    { length: HISTORY_MONTHS - 1 },
    (_, i) => `${addMonths(period, i - HISTORY_MONTHS + 1)}-01`,
  );
  const earlier: {
    targetCode: string;
    regionCode: string;
    period: string;
    value: string | null;
    status: string;
  }[] = await m.query(
    `WITH chosen AS (
         SELECT DISTINCT ON (s.period) s.id, s.period FROM compliance_snapshot s
          WHERE s.period = ANY($1::date[]) AND s.data_cutoff <= $2 AND s.methodology_version = $3
          ORDER BY s.period, s.data_cutoff DESC, s.created_at DESC, s.id)
       SELECT r.target_code AS "targetCode", r.region_code AS "regionCode", to_char(c.period, 'YYYY-MM-DD') AS period,
              r.measured_value::text AS value, r.status
         FROM chosen c JOIN compliance_result r ON r.snapshot_id = c.id
        ORDER BY c.period`,
    [[...new Set([...historyPeriods, ...baselinePeriods])], cutoff, METHODOLOGY_VERSION],
  );
  const historyOf = new Map<string, HistoryPoint[]>();
  const recorded = new Map<string, { value: string | null; status: string }>();
  for (const e of earlier) {
    const key = `${e.targetCode}/${e.regionCode}`;
    recorded.set(`${key}/${e.period}`, e);
    if (e.period >= historyPeriods[0] && e.status !== 'NO_DATA' && e.value !== null) {
      historyOf.set(key, [...(historyOf.get(key) ?? []), { period: e.period, value: e.value }]);
    }
  }
  const targetsRecorded = new Set(earlier.map((e) => `${e.targetCode}/${e.period}`));

  const results: Record<string, unknown>[] = [];
  for (const v of versions) {
    const rows = aggregates.filter((a) => a.versionId === v.id);
    const at = (month: string, province?: string) =>
      rows.filter((r) => r.month === month && (province === undefined || r.province === province));
    const regions: (string | null)[] = [null];
    if (v.scopeRegionCode === NATION && BREAKDOWN_AGGREGATIONS.includes(v.aggregation)) {
      regions.push(
        ...new Set(
          at(period)
            .map((r) => r.province)
            .filter((p): p is string => p !== null),
        ),
      );
    }
    const scored = regions.map((province) => {
      const regionCode = province ?? v.scopeRegionCode;
      const pick = (month: string) => rollUp(province === null ? at(month) : at(month, province));
      const measured = measure(v, pick(period));
      const baselineMeasured =
        v.baselineValue === null && v.baselinePeriod !== null && v.baselinePeriod < period
          ? targetsRecorded.has(`${v.targetCode}/${v.baselinePeriod}`)
            ? recordedMeasurement(recorded.get(`${v.targetCode}/${regionCode}/${v.baselinePeriod}`))
            : measure(v, pick(v.baselinePeriod))
          : null;
      const history = [...(historyOf.get(`${v.targetCode}/${regionCode}`) ?? [])];
      if (measured.usable && measured.value !== null)
        history.push({ period, value: measured.value.toString() });
      return {
        regionCode,
        province,
        result: score(v, period, measured, baselineMeasured, history),
        history,
      };
    });
    // Provinces ranked best first by measured value (for "at most" targets, lowest first); NO_DATA unranked.
    const ranked = scored
      .filter((s) => s.province !== null && s.result.status !== 'NO_DATA' && s.result.measured.value !== null)
      .sort((a, b) => {
        const diff = a.result.measured.value!.comparedTo(b.result.measured.value!);
        return (v.comparator === 'AT_LEAST' ? -diff : diff) || a.regionCode.localeCompare(b.regionCode);
      });
    for (const s of scored) {
      const r = s.result;
      const rank = ranked.indexOf(s);
      results.push({
        target_code: v.targetCode,
        target_version_id: v.id,
        region_code: s.regionCode,
        status: r.status,
        method: r.method,
        measured_value: r.measured.value?.toString() ?? null,
        numerator: r.measured.numerator?.toString() ?? null,
        denominator: r.measured.denominator?.toString() ?? null,
        reporting_units: r.measured.reporting,
        in_scope_units: r.measured.inScope,
        coverage: r.measured.coverage?.toString() ?? null,
        baseline_period: v.baselinePeriod,
        baseline_value: r.baseline?.toString() ?? null,
        threshold: v.threshold,
        expected_value: r.expected?.toString() ?? null,
        projected_value: r.projected?.toString() ?? null,
        projection_points: r.projectionPoints,
        growth_ratio: r.growthRatio?.toString() ?? null,
        rank: rank >= 0 ? rank + 1 : null,
        history: s.history,
        explanation: r.explanation,
      });
    }
  }

  const [{ id }] = await m.query(
    `INSERT INTO compliance_snapshot (period, data_cutoff, methodology_version, staleness_months, history_months,
                                      trigger, job_run_id, created_by, synthetic)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, EXISTS (SELECT 1 FROM hospital WHERE synthetic))
     RETURNING id`,
    [
      period,
      cutoff,
      METHODOLOGY_VERSION,
      STALENESS_MONTHS,
      HISTORY_MONTHS,
      request.trigger,
      request.jobRunId ?? null,
      request.createdBy ?? null,
    ],
  );
  if (results.length) {
    await m.query(
      `INSERT INTO compliance_result (snapshot_id, target_code, target_version_id, region_code, status, method,
         measured_value, numerator, denominator, reporting_units, in_scope_units, coverage, baseline_period,
         baseline_value, threshold, expected_value, projected_value, projection_points, growth_ratio, rank, history,
         explanation)
       SELECT $1::uuid, r.* FROM jsonb_to_recordset($2::jsonb) AS r(
         target_code text, target_version_id uuid, region_code char(6), status text, method text,
         measured_value numeric, numerator numeric, denominator numeric, reporting_units int, in_scope_units int,
         coverage numeric, baseline_period date, baseline_value numeric, threshold numeric, expected_value numeric,
         projected_value numeric, projection_points int, growth_ratio numeric, rank int, history jsonb,
         explanation text)`,
      [id, JSON.stringify(results)],
    );
  }
  return id;
}
