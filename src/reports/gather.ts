import { ANCESTRY_CTE } from '../registry/region-tree.sql.js';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { committedSql } from '../subsidies/ledger.sql.js';
import { TRANSITIONS } from '../subsidies/subsidy-rules.js';
import type { NationalReportData, SnapshotInfo, SubsidyReportData, TargetSection } from './report-data.js';

/** Reads everything a report shows in a few set-based queries; all of it as recorded by the snapshot's cut-off. */
export async function snapshotInfo(m: EntityManager, snapshotId: string): Promise<SnapshotInfo> {
  const [row] = await m.query(
    `SELECT id, to_char(period, 'YYYY-MM') AS period, data_cutoff AS "dataCutoff",
            methodology_version AS "methodologyVersion", staleness_months AS "stalenessMonths",
            history_months AS "historyMonths", created_at AS "createdAt", synthetic
       FROM compliance_snapshot WHERE id = $1`,
    [snapshotId],
  );
  if (!row) throw new AppError('NOT_FOUND', `No compliance snapshot ${snapshotId}`, { field: 'snapshotId' });
  return { ...row, dataCutoff: row.dataCutoff.toISOString(), createdAt: row.createdAt.toISOString() };
}

export async function nationalReportData(m: EntityManager, snapshotId: string): Promise<NationalReportData> {
  const snapshot = await snapshotInfo(m, snapshotId);
  const rows: (Omit<TargetSection, 'history' | 'byRegion' | 'milestones'> & {
    regionCode: string;
    scopeRegionCode: string;
    regionZh: string;
    regionEn: string;
    rank: number | null;
    reporting: number;
    inScope: number;
    milestones: { period: string; value: string }[];
    history: { period: string; value: string }[];
  })[] = await m.query(
    `SELECT r.target_code AS code, r.region_code AS "regionCode", v.scope_region_code AS "scopeRegionCode",
            g.name_zh AS "regionZh", g.name_en AS "regionEn", v.title_zh AS "titleZh", v.title_en AS "titleEn",
            p.code AS "policyCode", p.title_zh AS "policyTitleZh", p.title_en AS "policyTitleEn",
            i.unit AS "indicatorUnit", v.aggregation, v.authority_level AS authority, v.confidence, v.qualitative, r.status, r.method,
            v.comparator, r.measured_value::text AS measured, r.expected_value::text AS expected,
            r.projected_value::text AS projected, r.coverage::text, r.numerator::text, r.denominator::text,
            r.threshold::text, v.tolerance::text, to_char(r.baseline_period, 'YYYY-MM') AS "baselinePeriod",
            r.baseline_value::text AS "baselineValue", to_char(v.deadline, 'YYYY-MM') AS deadline, v.milestones,
            r.explanation, r.projection_points AS "projectionPoints", r.growth_ratio::text AS "growthRatio",
            v.min_coverage::text AS "minCoverage", r.rank, r.reporting_units AS reporting, r.in_scope_units AS "inScope", r.history
       FROM compliance_result r
       JOIN target_version v ON v.id = r.target_version_id
       JOIN target t ON t.code = v.target_code
       JOIN policy p ON p.code = t.policy_code
       JOIN indicator i ON i.code = v.indicator_code
       JOIN region g ON g.code = r.region_code
      WHERE r.snapshot_id = $1
      ORDER BY r.target_code, r.rank NULLS LAST, r.region_code`,
    [snapshotId],
  );
  // The whole measured history of each target since its baseline: each month's latest snapshot with a cut-off no
  // later than this one, as in scoring.
  const series: { code: string; period: string; value: string }[] = await m.query(
    `WITH chosen AS (
       SELECT DISTINCT ON (s.period) s.id, s.period FROM compliance_snapshot s
        WHERE s.period < $1::date AND s.data_cutoff <= $2 AND s.methodology_version = $3
        ORDER BY s.period, s.data_cutoff DESC, s.created_at DESC, s.id)
     SELECT r.target_code AS code, to_char(c.period, 'YYYY-MM') AS period, r.measured_value::text AS value
       FROM chosen c JOIN compliance_result r ON r.snapshot_id = c.id
       JOIN target_version v ON v.id = r.target_version_id AND v.scope_region_code = r.region_code
      WHERE r.status <> 'NO_DATA' AND r.measured_value IS NOT NULL
      ORDER BY c.period`,
    [`${snapshot.period}-01`, snapshot.dataCutoff, snapshot.methodologyVersion],
  );

  const targets: TargetSection[] = [];
  for (const row of rows.filter((r) => r.regionCode === r.scopeRegionCode)) {
    const {
      regionCode: _r,
      scopeRegionCode: _s,
      regionZh: _z,
      regionEn: _e,
      rank: _k,
      reporting: _p,
      inScope: _i,
      ...target
    } = row;
    const history = series.filter((p) => p.code === row.code).map(({ period, value }) => ({ period, value }));
    if (row.measured !== null && row.status !== 'NO_DATA')
      history.push({ period: snapshot.period, value: row.measured });
    targets.push({
      ...target,
      milestones: (row.milestones ?? []).map((p) => ({ period: p.period.slice(0, 7), value: p.value })),
      history,
      byRegion: rows
        .filter((r) => r.code === row.code && r.regionCode !== r.scopeRegionCode)
        .map((r) => ({
          code: r.regionCode,
          nameZh: r.regionZh,
          nameEn: r.regionEn,
          rank: r.rank,
          status: r.status,
          measured: r.measured,
          coverage: r.coverage,
          reporting: r.reporting,
          inScope: r.inScope,
        })),
    });
  }

  const completeness = await m.query(
    `WITH RECURSIVE ${ANCESTRY_CTE},
     registered AS (
       -- Hospitals registered below a province (prefecture, county) count in their province.
       SELECT h.id, a.ancestor AS region_code FROM hospital h
         JOIN ancestry a ON a.code = h.region_code
         JOIN region p ON p.code = a.ancestor AND p.level = 'PROVINCE'
        WHERE h.registered_from < $1::date + interval '1 month'
          AND (h.registered_until IS NULL OR h.registered_until >= $1::date + interval '1 month')),
     reported AS (
       SELECT DISTINCT r.hospital_id FROM adoption_report r
        WHERE r.period = $1::date AND r.hospital_id IS NOT NULL AND r.reported_at <= $2)
     SELECT g.code, g.name_zh AS "nameZh", g.name_en AS "nameEn", count(h.id)::int AS registered,
            count(p.hospital_id)::int AS reported
       FROM region g JOIN registered h ON h.region_code = g.code LEFT JOIN reported p ON p.hospital_id = h.id
      GROUP BY g.code, g.name_zh, g.name_en ORDER BY g.code`,
    [`${snapshot.period}-01`, snapshot.dataCutoff],
  );
  const warnings = await m.query(
    `SELECT r.indicator_code AS indicator, count(*)::int AS count
       FROM adoption_warning w JOIN adoption_report r ON r.id = w.report_id
      WHERE r.period = $1::date AND w.created_at <= $2
      GROUP BY r.indicator_code ORDER BY r.indicator_code`,
    [`${snapshot.period}-01`, snapshot.dataCutoff],
  );
  const warningExamples = await m.query(
    `SELECT r.unit_id AS hospital, r.indicator_code AS indicator, w.message
       FROM adoption_warning w JOIN adoption_report r ON r.id = w.report_id
      WHERE r.period = $1::date AND w.created_at <= $2
      ORDER BY r.unit_id, r.indicator_code, r.revision, w.id LIMIT 15`,
    [`${snapshot.period}-01`, snapshot.dataCutoff],
  );
  const policyCodes = [...new Set(targets.map((t) => t.policyCode))];
  const sources = await m.query(
    `SELECT code, title_zh AS "titleZh", title_en AS "titleEn", issuer_en AS issuer,
            to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", authority_level AS authority, confidence,
            source_title || ', ' || source_publisher || ', ' || to_char(source_date, 'YYYY-MM-DD') AS source,
            source_url AS url, verification_note AS note
       FROM policy WHERE code = ANY($1) ORDER BY issued_on, code`,
    [policyCodes],
  );
  const operationalisations = await m.query(
    `SELECT DISTINCT ON (r.target_code) r.target_code AS "targetCode", o.wording_zh AS "wordingZh",
            o.wording_en AS "wordingEn", o.proposed_threshold::text AS threshold, o.rationale,
            CASE WHEN o.decided_at <= $2 THEN o.status ELSE 'PROPOSAL' END AS status
       FROM compliance_result r JOIN operationalisation o ON o.target_version_id = r.target_version_id
      WHERE r.snapshot_id = $1 ORDER BY r.target_code`,
    [snapshotId, snapshot.dataCutoff],
  );
  return {
    kind: 'NATIONAL_MONTHLY',
    snapshot,
    staleness: snapshot.stalenessMonths,
    historyMonths: snapshot.historyMonths,
    targets,
    completeness,
    warnings,
    warningExamples,
    sources,
    operationalisations,
  };
}

/**
 * The Beijing programmes as recorded by the snapshot's cut-off: the ledger, each application's state then (its
 * last transition in the audit trail by the cut-off), amounts by company, processing times, rejections and
 * contracts or invoices claimed by more than one application.
 */
export async function subsidyReportData(m: EntityManager, snapshotId: string): Promise<SubsidyReportData> {
  const snapshot = await snapshotInfo(m, snapshotId);
  const cutoff = snapshot.dataCutoff;
  const year = Number(snapshot.period.slice(0, 4));
  const programmes = await m.query(
    `SELECT p.code, p.name_zh AS "nameZh", p.name_en AS "nameEn", $2::int AS "budgetYear",
            rv.yearly_pool::text AS pool, rv.company_cap::text AS "companyCap",
            coalesce(sum(CASE e.kind WHEN 'RESERVED' THEN e.amount WHEN 'RELEASED' THEN -e.amount
                                     WHEN 'PAID' THEN -e.amount ELSE 0 END), 0)::numeric(18,2)::text AS reserved,
            coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RESERVED'), 0)::numeric(18,2)::text AS approved,
            coalesce(sum(e.amount) FILTER (WHERE e.kind = 'PAID'), 0)::numeric(18,2)::text AS paid,
            coalesce(sum(e.amount) FILTER (WHERE e.kind = 'CLAWED_BACK'), 0)::numeric(18,2)::text AS "clawedBack",
            (rv.yearly_pool - ${committedSql('e')})::numeric(18,2)::text AS remaining
       FROM subsidy_program p
       LEFT JOIN LATERAL (SELECT * FROM subsidy_rule_version v WHERE v.program_code = p.code
                           AND v.effective_from <= make_date($2, 12, 31) ORDER BY v.effective_from DESC LIMIT 1) rv ON true
       LEFT JOIN subsidy_ledger_entry e ON e.program_code = p.code AND e.recorded_at <= $1 AND e.budget_year = $2
      WHERE p.region_code = '110000'
      GROUP BY p.code, p.name_zh, p.name_en, rv.yearly_pool, rv.company_cap ORDER BY p.code`,
    [cutoff, year],
  );
  // The state an audit event left an application in: CREATED makes a draft, each transition its target state.
  const STATE_OF = `CASE a.action WHEN 'CREATED' THEN 'DRAFT' ${Object.entries(TRANSITIONS)
    .map(([action, t]) => `WHEN '${action}' THEN '${t.to}'`)
    .join(' ')} END`;
  const states = `
    WITH transitions AS (
      SELECT a.entity_id AS id, a.at, a.seq, ${STATE_OF} AS state
        FROM audit_event a
       WHERE a.entity_type = 'SubsidyApplication' AND a.at <= $1 AND ${STATE_OF} IS NOT NULL),
    state_then AS (
      SELECT DISTINCT ON (t.id) t.id, t.state FROM transitions t ORDER BY t.id, t.seq DESC)`;
  const byState = await m.query(
    `${states}
     SELECT o.program_code AS programme, s.state, count(*)::int AS count
       FROM state_then s JOIN subsidy_application o ON o.id::text = s.id JOIN subsidy_program p ON p.code = o.program_code
      WHERE p.region_code = '110000'
      GROUP BY o.program_code, s.state ORDER BY o.program_code, s.state`,
    [cutoff],
  );
  const byCompany = await m.query(
    `SELECT e.program_code AS programme, c.name_zh || ' / ' || c.name_en AS company,
            count(DISTINCT e.application_id)::int AS applications,
            coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RESERVED'), 0)::numeric(18,2)::text AS approved,
            coalesce(sum(e.amount) FILTER (WHERE e.kind = 'PAID'), 0)::numeric(18,2)::text AS paid,
            coalesce(sum(e.amount) FILTER (WHERE e.kind = 'CLAWED_BACK'), 0)::numeric(18,2)::text AS "clawedBack"
       FROM subsidy_ledger_entry e JOIN company c ON c.id = e.company_id
       JOIN subsidy_program p ON p.code = e.program_code
      WHERE p.region_code = '110000' AND e.recorded_at <= $1 AND e.budget_year = $2
      GROUP BY e.program_code, c.id, c.name_zh, c.name_en ORDER BY e.program_code, company, c.id`,
    [cutoff, year],
  );
  const processing = await m.query(
    `${states},
     decided AS (
       SELECT s.id, min(t.at) FILTER (WHERE t.state = 'SUBMITTED') AS submitted,
              min(t.at) FILTER (WHERE t.state IN ('APPROVED', 'REJECTED')) AS decided
         FROM state_then s JOIN transitions t ON t.id = s.id GROUP BY s.id)
     SELECT o.program_code AS programme, count(*)::int AS decided,
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided - d.submitted)) / 86400)::numeric, 1)::text AS "medianDays",
            round((max(extract(epoch FROM d.decided - d.submitted)) / 86400)::numeric, 1)::text AS "maxDays"
       FROM decided d JOIN subsidy_application o ON o.id::text = d.id
       JOIN subsidy_program p ON p.code = o.program_code
      WHERE d.decided IS NOT NULL AND d.submitted IS NOT NULL AND p.region_code = '110000'
      GROUP BY o.program_code ORDER BY o.program_code`,
    [cutoff],
  );
  const rejections = await m.query(
    `SELECT o.program_code AS programme, c.name_zh || ' / ' || c.name_en AS company, o.model_name AS model,
            coalesce(a.payload::jsonb ->> 'justification', '') AS reason
       FROM audit_event a JOIN subsidy_application o ON o.id::text = a.entity_id JOIN company c ON c.id = o.company_id
       JOIN subsidy_program p ON p.code = o.program_code
      WHERE a.entity_type = 'SubsidyApplication' AND a.action = 'REJECT' AND a.at <= $1 AND p.region_code = '110000'
      ORDER BY a.seq`,
    [cutoff],
  );
  // Contracts and invoices (each in its own namespace) claimed by more than one application submitted by the
  // cut-off and not withdrawn or rejected then: a submitted application's lines no longer change.
  const stacking = await m.query(
    `${states},
     claims AS (
       SELECT 'CONTRACT ' || x.contract_number AS number, x.application_id FROM compute_contract x
       UNION ALL SELECT 'INVOICE ' || i.invoice_number, i.application_id FROM invoice i)
     SELECT k.number, array_agg(DISTINCT o.id::text ORDER BY o.id::text) AS applications
       FROM claims k JOIN subsidy_application o ON o.id = k.application_id
       JOIN state_then s ON s.id = o.id::text
      WHERE o.submitted_at <= $1 AND s.state NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED')
      GROUP BY k.number HAVING count(DISTINCT o.id) > 1 ORDER BY k.number`,
    [cutoff],
  );
  const [cap] = await m.query(
    `SELECT r.target_code AS code, r.status, r.measured_value::text AS measured, r.threshold::text, r.explanation
       FROM compliance_result r WHERE r.snapshot_id = $1 AND r.target_code = 'BJ-2025-COMPUTE-SUBSIDY-CAP'`,
    [snapshotId],
  );
  return {
    kind: 'BEIJING_SUBSIDY_MONTHLY',
    snapshot,
    programmes,
    byState,
    byCompany,
    processing,
    rejections,
    stacking,
    cap: cap ?? null,
  };
}
