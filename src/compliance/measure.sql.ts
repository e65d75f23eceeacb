import { ANCESTRY_CTE } from '../registry/region-tree.sql.js';
import { committedSql } from '../subsidies/ledger.sql.js';

/**
 * Measures every target in force for a period, in three set-based statements inside the scoring transaction:
 *
 * 1. NEED_SQL ($1 period, $2 ledger-computed indicator codes, $3 data cut-off, $4 methodology version): the
 *    target versions in force at the end of the period and the months each needs: the period, and the baseline
 *    month when the baseline value is measured and that month's snapshot (see scoring.ts) does not hold it.
 * 2. HELD_SQL ($1 data cut-off, $2 staleness window w): each unit's value for each needed month: its report for
 *    the latest month in (m - w, m], in the latest revision reported by the cut-off. The pick is a hash aggregate
 *    of max(ARRAY[month, revision, value, ...]): arrays compare element by element and (month, revision) is
 *    unique per unit, so the maximum is the wanted report, without a sort.
 * 3. AGGREGATE_SQL ($1 data cut-off): per target version, month and province, the in-scope units, the reporting
 *    units and the sums the aggregations need.
 *
 * The first two are temporary tables (dropped at commit) and are analysed, so that the planner joins the third on
 * real row counts rather than on guesses about common table expressions.
 */
export const NEED_SQL = `
CREATE TEMP TABLE scoring_need ON COMMIT DROP AS
WITH tv AS (
  SELECT DISTINCT ON (v.target_code) v.id, v.target_code, v.indicator_code, v.scope_region_code,
         v.scope_tiers, v.scope_types, v.baseline_period, v.baseline_value, i.reporting_level,
         v.indicator_code = ANY($2::text[]) AS ledger
    FROM target_version v JOIN indicator i ON i.code = v.indicator_code
   WHERE v.effective_from < ($1::date + interval '1 month')
   ORDER BY v.target_code, v.effective_from DESC),
needed AS (
  SELECT tv.id AS tv_id, $1::date AS month FROM tv
  UNION
  SELECT tv.id, tv.baseline_period FROM tv
   WHERE tv.baseline_value IS NULL AND tv.baseline_period IS NOT NULL AND tv.baseline_period < $1::date
     AND NOT EXISTS (
       SELECT 1 FROM compliance_result r
        WHERE r.target_code = tv.target_code
          AND r.snapshot_id = (SELECT s.id FROM compliance_snapshot s
                                WHERE s.period = tv.baseline_period AND s.data_cutoff <= $3
                                  AND s.methodology_version = $4
                                ORDER BY s.data_cutoff DESC, s.created_at DESC, s.id LIMIT 1)))
SELECT n.tv_id, n.month, tv.target_code, tv.indicator_code, tv.scope_region_code, tv.scope_tiers, tv.scope_types,
       tv.reporting_level, tv.ledger
  FROM needed n JOIN tv ON tv.id = n.tv_id`;

export const HELD_SQL = `
CREATE TEMP TABLE scoring_held ON COMMIT DROP AS
WITH picked AS (
  SELECT nm.month, r.unit_id, r.indicator_code,
         max(ARRAY[r.period - DATE '2000-01-01', r.revision, r.value, r.numerator, r.denominator]) AS latest
    FROM (SELECT DISTINCT indicator_code, month FROM scoring_need WHERE NOT ledger) nm
   CROSS JOIN LATERAL (
     SELECT r.unit_id, r.indicator_code, r.period, r.revision, r.value, r.numerator, r.denominator
       FROM adoption_report r
      WHERE r.indicator_code = nm.indicator_code
        AND r.period BETWEEN (nm.month - ($2::int - 1) * interval '1 month')::date AND nm.month
        AND r.reported_at <= $1::timestamptz
     OFFSET 0) r
   GROUP BY nm.month, r.unit_id, r.indicator_code)
SELECT month, unit_id, indicator_code, latest[3] AS value, latest[4] AS numerator,
       latest[5] AS denominator
  FROM picked`;

export const AGGREGATE_SQL = `
WITH RECURSIVE
${ANCESTRY_CTE},
province_of AS (
  SELECT a.code, a.ancestor AS province FROM ancestry a JOIN region p ON p.code = a.ancestor AND p.level = 'PROVINCE'),
hospital_group AS (
  SELECT region_code, tier, type,
         greatest(date_trunc('month', registered_from), (SELECT min(month) FROM scoring_need)) AS from_month,
         date_trunc('month', registered_until - interval '1 month') AS until_month, count(*)::int AS n
    FROM hospital GROUP BY 1, 2, 3, 4, 5),
hospital_scope AS (
  SELECT n.tv_id, n.month, po.province, sum(g.n)::int AS in_scope
    FROM scoring_need n
    JOIN ancestry a ON a.ancestor = n.scope_region_code
    JOIN hospital_group g ON g.region_code = a.code
    LEFT JOIN province_of po ON po.code = g.region_code
   WHERE n.reporting_level = 'HOSPITAL'
     AND (cardinality(n.scope_tiers) = 0 OR g.tier = ANY(n.scope_tiers))
     AND (cardinality(n.scope_types) = 0 OR g.type = ANY(n.scope_types))
     AND g.from_month <= n.month AND (g.until_month IS NULL OR g.until_month >= n.month)
   GROUP BY n.tv_id, n.month, po.province),
hospital_fact AS (
  SELECT n.tv_id, n.month, po.province, count(*)::int AS reporting,
         count(*) FILTER (WHERE x.value = 1)::int AS yes, sum(x.value) AS total, max(x.value) AS maximum
    FROM scoring_held x
    JOIN hospital h ON h.id = x.unit_id
    JOIN scoring_need n ON n.indicator_code = x.indicator_code AND n.month = x.month AND n.reporting_level = 'HOSPITAL'
    JOIN ancestry a ON a.code = h.region_code AND a.ancestor = n.scope_region_code
    LEFT JOIN province_of po ON po.code = h.region_code
   WHERE (cardinality(n.scope_tiers) = 0 OR h.tier = ANY(n.scope_tiers))
     AND (cardinality(n.scope_types) = 0 OR h.type = ANY(n.scope_types))
     AND h.registered_from < x.month + interval '1 month'
     AND (h.registered_until IS NULL OR h.registered_until >= x.month + interval '1 month')
   GROUP BY n.tv_id, n.month, po.province),
region_unit AS (
  SELECT n.tv_id, n.month, n.indicator_code, r.code AS unit_id, po.province
    FROM scoring_need n
    JOIN ancestry a ON a.ancestor = n.scope_region_code
    JOIN region r ON r.code = a.code
    LEFT JOIN province_of po ON po.code = r.code
   WHERE NOT n.ledger
     AND ((n.reporting_level = 'REGION' AND r.level = 'PROVINCE')
       OR (n.reporting_level = 'NATION' AND r.code = n.scope_region_code))),
region_fact AS (
  SELECT u.tv_id, u.month, u.province, count(*)::int AS in_scope, count(x.unit_id)::int AS reporting,
         count(*) FILTER (WHERE x.value = 1)::int AS yes, sum(x.value) AS total, max(x.value) AS maximum,
         sum(x.numerator) AS numerator, sum(x.denominator) AS denominator
    FROM region_unit u
    LEFT JOIN scoring_held x ON x.unit_id = u.unit_id AND x.indicator_code = u.indicator_code AND x.month = u.month
   GROUP BY u.tv_id, u.month, u.province),
ledger_fact AS (
  SELECT n.tv_id, n.month, NULL::char(6) AS province, count(DISTINCT c.company_id)::int AS in_scope,
         count(DISTINCT c.company_id)::int AS reporting, 0 AS yes, coalesce(sum(c.amount), 0) AS total,
         coalesce(max(c.amount), 0) AS maximum
    FROM scoring_need n
    LEFT JOIN LATERAL (
      SELECT e.company_id, e.program_code,
             ${committedSql('e')} AS amount
        FROM subsidy_ledger_entry e
        JOIN subsidy_program p ON p.code = e.program_code
        JOIN ancestry a ON a.code = p.region_code AND a.ancestor = n.scope_region_code
       WHERE e.recorded_at <= $1::timestamptz
       GROUP BY e.company_id, e.program_code) c ON true
   WHERE n.ledger
   GROUP BY n.tv_id, n.month)
SELECT s.tv_id AS "versionId", to_char(s.month, 'YYYY-MM-DD') AS month, s.province, s.in_scope AS "inScope",
       coalesce(f.reporting, 0) AS reporting, coalesce(f.yes, 0) AS yes, f.total::text AS total,
       f.maximum::text AS maximum, NULL AS numerator, NULL AS denominator
  FROM hospital_scope s LEFT JOIN hospital_fact f USING (tv_id, month, province)
UNION ALL
SELECT tv_id, to_char(month, 'YYYY-MM-DD'), province, in_scope, reporting, yes, total::text, maximum::text,
       numerator::text, denominator::text
  FROM region_fact
UNION ALL
SELECT tv_id, to_char(month, 'YYYY-MM-DD'), province, in_scope, reporting, yes, total::text, maximum::text, NULL, NULL
  FROM ledger_fact`;
