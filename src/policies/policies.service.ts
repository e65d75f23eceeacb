import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { byKeys, requestLoader, type RequestContext } from '../common/request-context.js';
import type { Policy, Target, TargetTerms, TargetVersion } from './policy.model.js';
import type { TargetsArgs } from './targets.args.js';

const POLICY_SQL = `
  SELECT code, title_zh, title_en, issuer_zh, issuer_en, issued_on, authority_level, confidence, summary_en,
         verification_note, source_title, source_publisher, source_date, source_url
    FROM policy`;

// Target versions with their operationalisation; `v` is the version table or a CTE shaped like it.
const VERSION_COLUMNS = `
  v.id, v.target_code, v.effective_from, v.title_zh, v.title_en, v.indicator_code, v.scope_region_code,
  v.scope_tiers, v.scope_types, v.aggregation, v.comparator, v.threshold, v.baseline_period, v.baseline_value,
  v.deadline, v.milestones, v.scoring_method, v.tolerance, v.min_coverage, v.authority_level, v.confidence,
  v.source_clause, v.qualitative,
  o.wording_zh AS o_wording_zh, o.wording_en AS o_wording_en, o.proposed_threshold AS o_proposed_threshold,
  o.rationale AS o_rationale, o.status AS o_status, o.decided_by AS o_decided_by, o.decided_at AS o_decided_at`;

/**
 * The version in force is the latest one that has started (dates are Beijing dates); a target whose only
 * versions start in the future shows the earliest of them.
 */
const CURRENT_VERSIONS = `
  current_version AS (
    SELECT DISTINCT ON (target_code) *
      FROM target_version
     ORDER BY target_code,
              effective_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date DESC,
              CASE WHEN effective_from <= (now() AT TIME ZONE 'Asia/Shanghai')::date THEN effective_from END DESC,
              effective_from)`;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const month = (date: string | null) => (date ? date.slice(0, 7) : null);

function toPolicy(r: Row): Policy {
  return {
    code: r.code,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    issuerZh: r.issuer_zh,
    issuerEn: r.issuer_en,
    issuedOn: r.issued_on,
    authorityLevel: r.authority_level,
    confidence: r.confidence,
    summaryEn: r.summary_en,
    verificationNote: r.verification_note,
    source: {
      title: r.source_title,
      publisher: r.source_publisher,
      publishedOn: r.source_date,
      url: r.source_url,
    },
  };
}

function toTerms(r: Row): TargetTerms {
  return {
    effectiveFrom: r.effective_from,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    indicatorCode: r.indicator_code,
    scope: { regionCode: r.scope_region_code, tiers: r.scope_tiers, types: r.scope_types },
    aggregation: r.aggregation,
    comparator: r.comparator,
    threshold: r.threshold,
    baselinePeriod: month(r.baseline_period),
    baselineValue: r.baseline_value,
    deadline: month(r.deadline)!,
    milestones: (r.milestones as { period: string; value: string }[]).map((m) => ({
      period: month(m.period)!,
      value: m.value,
    })),
    scoringMethod: r.scoring_method,
    tolerance: r.tolerance,
    minCoverage: r.min_coverage,
    authorityLevel: r.authority_level,
    confidence: r.confidence,
    sourceClause: r.source_clause,
    qualitative: r.qualitative,
    operationalisation: r.o_status
      ? {
          wordingZh: r.o_wording_zh,
          wordingEn: r.o_wording_en,
          proposedThreshold: r.o_proposed_threshold,
          rationale: r.o_rationale,
          status: r.o_status,
          decidedBy: r.o_decided_by,
          decidedAt: r.o_decided_at,
        }
      : null,
  };
}

const toTarget = (r: Row): Target => ({
  ...toTerms(r),
  code: r.target_code,
  versionId: r.id,
  policyCode: r.policy_code,
});
const toVersion = (r: Row): TargetVersion => ({ ...toTerms(r), id: r.id });

@Injectable()
export class PoliciesService {
  constructor(private readonly db: DataSource) {}

  async policies(): Promise<Policy[]> {
    return (await this.db.query(`${POLICY_SQL} ORDER BY issued_on, code`)).map(toPolicy);
  }

  policyByCode(context: RequestContext, code: string): Promise<Policy | null> {
    return requestLoader<string, Policy>(context, 'policy.byCode', async (codes) =>
      byKeys(
        codes,
        (await this.db.query(`${POLICY_SQL} WHERE code = ANY($1)`, [codes])).map(toPolicy),
        (p) => p.code,
      ),
    ).load(code);
  }

  async target(code: string): Promise<Target> {
    const [row] = await this.db.query(
      `WITH ${CURRENT_VERSIONS}
       SELECT ${VERSION_COLUMNS}, t.policy_code
         FROM current_version v JOIN target t ON t.code = v.target_code
         LEFT JOIN operationalisation o ON o.target_version_id = v.id
        WHERE v.target_code = $1`,
      [code],
    );
    if (!row) throw AppError.notFound('Target', code);
    return toTarget(row);
  }

  /** Targets as they stand today, batched across one request. */
  targetByCode(context: RequestContext, code: string): Promise<Target | null> {
    return requestLoader<string, Target>(context, 'target.byCode', async (codes) => {
      const rows: Row[] = await this.db.query(
        `WITH ${CURRENT_VERSIONS}
         SELECT ${VERSION_COLUMNS}, t.policy_code
           FROM current_version v JOIN target t ON t.code = v.target_code
           LEFT JOIN operationalisation o ON o.target_version_id = v.id
          WHERE v.target_code = ANY($1)`,
        [codes],
      );
      return byKeys(codes, rows.map(toTarget), (t) => t.code);
    }).load(code);
  }

  /** Keyset on the target code; filters apply to the version in force. Two statements per page. */
  async targets(args: TargetsArgs): Promise<Connection<Target>> {
    const filter = args.filter ?? {};
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.policyCode) where.push(`t.policy_code = ${param(filter.policyCode)}`);
    if (filter.indicatorCode) where.push(`v.indicator_code = ${param(filter.indicatorCode)}`);
    if (filter.regionCode) where.push(`v.scope_region_code = ${param(filter.regionCode)}`);
    if (filter.authorityLevel) where.push(`v.authority_level = ${param(filter.authorityLevel)}`);
    if (filter.confidence) where.push(`v.confidence = ${param(filter.confidence)}`);
    const countParams = [...params];
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const cursor = decodeCursor(args.after, 1);
    if (cursor) where.push(`v.target_code > ${param(String(cursor[0]))}`);
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `current_version v JOIN target t ON t.code = v.target_code`;

    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `WITH ${CURRENT_VERSIONS}
         SELECT ${VERSION_COLUMNS}, t.policy_code
           FROM ${from} LEFT JOIN operationalisation o ON o.target_version_id = v.id
           ${pageWhere} ORDER BY v.target_code LIMIT ${param(args.first + 1)}`,
        params,
      ),
      this.db.query(
        `WITH ${CURRENT_VERSIONS} SELECT count(*)::int AS total FROM ${from} ${countWhere}`,
        countParams,
      ),
    ]);
    return toConnection(rows as Row[], args, total, (r) => [r.target_code], toTarget);
  }

  targetsOfPolicy(context: RequestContext, policyCode: string): Promise<Target[] | null> {
    return requestLoader<string, Target[]>(context, 'policy.targets', async (codes) => {
      const rows: Row[] = await this.db.query(
        `WITH ${CURRENT_VERSIONS}
         SELECT ${VERSION_COLUMNS}, t.policy_code
           FROM current_version v JOIN target t ON t.code = v.target_code
           LEFT JOIN operationalisation o ON o.target_version_id = v.id
          WHERE t.policy_code = ANY($1) ORDER BY v.target_code`,
        [codes],
      );
      return codes.map((code) => rows.filter((r) => r.policy_code === code).map(toTarget));
    }).load(policyCode);
  }

  versionsOfTarget(context: RequestContext, targetCode: string): Promise<TargetVersion[] | null> {
    return requestLoader<string, TargetVersion[]>(context, 'target.versions', async (codes) => {
      const rows: Row[] = await this.db.query(
        `SELECT ${VERSION_COLUMNS}
           FROM target_version v LEFT JOIN operationalisation o ON o.target_version_id = v.id
          WHERE v.target_code = ANY($1) ORDER BY v.target_code, v.effective_from`,
        [codes],
      );
      return codes.map((code) => rows.filter((r) => r.target_code === code).map(toVersion));
    }).load(targetCode);
  }
}
