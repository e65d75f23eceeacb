import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { requestLoader, type RequestContext } from '../common/request-context.js';
import { periodToDate } from '../common/scalars.js';
import type {
  AdoptionPoint,
  AdoptionSeries,
  AdoptionValue,
  DataQualityWarning,
  OpenReportingWindowInput,
  ReportingCompleteness,
  ReportingWindowException,
} from './adoption.model.js';
import type { AdoptionSeriesArgs, HospitalAdoptionArgs, WarningsArgs } from './adoption.args.js';

/** A series longer than ten years is almost surely a mistake, and would be a heavy query. */
export const MAX_SERIES_MONTHS = 120;

const VALUE_COLUMNS = `r.indicator_code AS "indicatorCode", r.hospital_id AS "hospitalId", r.region_code AS "regionCode",
  to_char(r.period, 'YYYY-MM') AS period, r.value, r.numerator, r.denominator, r.revision, r.reported_at AS "reportedAt",
  r.synthetic`;

/** AdoptionValue's fields as JSON members (alias v); numbers as text so that no digit is lost on the way. */
const VALUE_JSON: Record<string, string> = {
  indicatorCode: 'v.indicator_code',
  hospitalId: 'v.hospital_id',
  regionCode: 'v.region_code',
  period: "to_char(v.period, 'YYYY-MM')",
  value: 'v.value::text',
  numerator: 'v.numerator::text',
  denominator: 'v.denominator::text',
  revision: 'v.revision',
  reportedAt: 'v.reported_at',
  synthetic: 'v.synthetic',
};

/**
 * The units an aggregate covers, one row per (root, unit): `$1` lists the roots. Hospital indicators cover the
 * hospitals of the root's region subtree; province indicators its provinces; national ones the nation.
 */
const REGION_SCOPE = `
  tree AS (
    SELECT root, root AS code FROM unnest($1::text[]) AS root
    UNION ALL SELECT t.root, r.code FROM tree t JOIN region r ON r.parent_code = t.code),
  scope AS (
    SELECT t.root, h.id AS unit_id, h.registered_from AS since, h.registered_until AS until
      FROM tree t JOIN hospital h ON h.region_code = t.code WHERE $6 = 'HOSPITAL'
    UNION ALL
    SELECT t.root, r.code::text, NULL, NULL FROM tree t JOIN region r ON r.code = t.code
     WHERE ($6 = 'REGION' AND r.level = 'PROVINCE') OR ($6 = 'NATION' AND r.level = 'NATION'))`;
const HOSPITAL_SCOPE = `
  scope AS (
    SELECT h.id AS root, h.id AS unit_id, h.registered_from AS since, h.registered_until AS until
      FROM hospital h WHERE h.id = ANY($1::text[]) AND $6 = 'HOSPITAL')`;

/**
 * Latest revision known at `$5` of every unit in scope and month, then aggregated per root and month.
 * With `$8` (a single hospital's series) the value is the unit's own value, not a share.
 */
const AGGREGATE = (scope: string) => `
  WITH RECURSIVE ${scope},
  months AS (SELECT generate_series($3::date, $4::date, interval '1 month')::date AS period),
  latest AS (
    SELECT DISTINCT ON (r.unit_id, r.period) r.unit_id, r.period, r.value, r.numerator, r.denominator
      FROM adoption_report r
     WHERE r.indicator_code = $2 AND r.period BETWEEN $3 AND $4 AND r.reported_at <= $5
       AND r.unit_id IN (SELECT unit_id FROM scope)
     ORDER BY r.unit_id, r.period, r.revision DESC),
  counted AS (
    SELECT s.root, m.period,
           count(*) FILTER (WHERE (s.since IS NULL OR s.since < m.period + interval '1 month')
                              AND (s.until IS NULL OR s.until > m.period))::int AS in_scope,
           count(l.unit_id)::int AS reporting,
           sum(l.value) AS sum_value, avg(l.value) AS avg_value,
           sum(l.numerator) AS sum_num, sum(l.denominator) AS sum_den
      FROM scope s CROSS JOIN months m
      LEFT JOIN latest l ON l.unit_id = s.unit_id AND l.period = m.period
       AND (s.since IS NULL OR s.since < m.period + interval '1 month') AND (s.until IS NULL OR s.until > m.period)
     GROUP BY s.root, m.period)
  SELECT root, to_char(period, 'YYYY-MM') AS period, in_scope AS "unitsInScope", reporting AS "unitsReporting",
         CASE $7 WHEN 'BOOLEAN' THEN sum_value WHEN 'RATIO' THEN sum_num END AS numerator,
         CASE $7 WHEN 'BOOLEAN' THEN reporting::numeric WHEN 'RATIO' THEN sum_den END AS denominator,
         CASE WHEN reporting = 0 THEN NULL
              WHEN $8 THEN coalesce(sum_value, round(100 * sum_num / sum_den, 4))
              WHEN $7 = 'BOOLEAN' THEN round(100 * sum_value / reporting, 4)
              WHEN $7 = 'RATIO' THEN round(100 * sum_num / sum_den, 4)
              WHEN $7 = 'PERCENT' THEN round(avg_value, 4)
              ELSE sum_value END AS value,
         CASE WHEN in_scope = 0 THEN 0 ELSE round(100.0 * reporting / in_scope, 2) END AS coverage
    FROM counted ORDER BY root, period`;

interface IndicatorShape {
  unit: string;
  reportingLevel: string;
}

@Injectable()
export class AdoptionReadService {
  constructor(private readonly db: DataSource) {}

  /** Regulators and administrators read every unit; a hospital's officer only that hospital's own values. */
  assertMayReadHospital(user: AuthUser | undefined, hospitalId: string): void {
    if (!user) throw AppError.unauthenticated();
    if (user.role === 'REGULATOR' || user.role === 'ADMIN') return;
    if (user.role === 'HOSPITAL' && user.hospitalId === hospitalId) return;
    throw AppError.forbidden(`The ${user.role} role may not read the reports of hospital ${hospitalId}`);
  }

  /** Regional aggregates are for regulators, administrators and hospital data officers, not companies. */
  assertMayReadAggregates(user: AuthUser | undefined): void {
    if (!user) throw AppError.unauthenticated();
    if (user.role === 'COMPANY') throw AppError.forbidden('The COMPANY role may not read adoption data');
  }

  async series(user: AuthUser, args: AdoptionSeriesArgs): Promise<AdoptionSeries> {
    if (!args.hospitalId === !args.regionCode) {
      throw AppError.badInput('regionCode', 'give exactly one of regionCode and hospitalId');
    }
    if (args.hospitalId) this.assertMayReadHospital(user, args.hospitalId);
    const range = checkRange(args.from, args.to);
    const indicator = await this.indicator(args.indicatorCode);
    const asOf = args.asOf ?? new Date();
    let points: AdoptionPoint[];
    if (args.hospitalId) {
      if (indicator.reportingLevel !== 'HOSPITAL') {
        throw AppError.badInput('indicatorCode', `${args.indicatorCode} is not reported by hospitals`);
      }
      await this.existsOrFail('hospital', 'id', args.hospitalId, 'Hospital');
      points = await this.aggregate(
        HOSPITAL_SCOPE,
        [args.hospitalId],
        args.indicatorCode,
        range,
        asOf,
        indicator,
        true,
      );
    } else {
      await this.existsOrFail('region', 'code', args.regionCode!, 'Region');
      points = await this.aggregate(
        REGION_SCOPE,
        [args.regionCode!],
        args.indicatorCode,
        range,
        asOf,
        indicator,
      );
    }
    return {
      indicatorCode: args.indicatorCode,
      hospitalId: args.hospitalId ?? null,
      regionCode: args.regionCode ?? null,
      asOf,
      points,
    };
  }

  /** Region.adoption: every region asked for in one request is answered by one statement. */
  async regionPoints(
    context: RequestContext,
    regionCode: string,
    args: { indicatorCode: string; from: string; to: string; asOf?: Date },
  ): Promise<AdoptionPoint[]> {
    const range = checkRange(args.from, args.to);
    const asOf = args.asOf ?? context.receivedAt;
    const key = `region.adoption:${args.indicatorCode}:${range.from}:${range.to}:${asOf.toISOString()}`;
    // .load() before any await: every region of the request joins one batch (one indicator lookup, one aggregate).
    const points = await requestLoader<string, AdoptionPoint[]>(context, key, async (codes) => {
      const indicator = await this.indicator(args.indicatorCode);
      const rows = await this.aggregateRows(
        REGION_SCOPE,
        [...codes],
        args.indicatorCode,
        range,
        asOf,
        indicator,
      );
      return codes.map((code) => rows.filter((r) => r.root === code).map(toPoint));
    }).load(regionCode);
    return points ?? [];
  }

  /** Hospital.adoption and Hospital.adoptionHistory: one statement for every hospital of the page. */
  async hospitalValues(
    context: RequestContext,
    hospitalId: string,
    args: HospitalAdoptionArgs,
    asked?: ReadonlySet<string>,
  ): Promise<AdoptionValue[]> {
    const range = checkRange(args.from, args.to ?? args.from);
    const asOf = args.asOf ?? context.receivedAt;
    const codes = args.indicatorCodes?.length ? [...args.indicatorCodes].sort() : null;
    // Only the fields the client asked for are built and parsed (all of them when the caller cannot tell).
    const fields = Object.keys(VALUE_JSON).filter((f) => !asked || asked.has(f));
    const json = `json_build_object(${fields.map((f) => `'${f}', ${VALUE_JSON[f]}`).join(', ') || "'revision', v.revision"})`;
    const key = `hospital.values:${codes?.join(',') ?? '*'}:${range.from}:${range.to}:${asOf.toISOString()}:${fields.join(',')}`;
    const values = await requestLoader<string, AdoptionValue[]>(
      context,
      key,
      async (ids) => {
        // One row per hospital with its values as JSON built in PostgreSQL: far fewer rows and fields to parse.
        const rows: { id: string; values: (AdoptionValue & { reportedAt: string })[] }[] =
          await this.db.query(
            `SELECT v.unit_id AS id, json_agg(${json} ORDER BY v.indicator_code, v.period) AS values
             FROM (SELECT DISTINCT ON (r.unit_id, r.indicator_code, r.period) r.*
                     FROM adoption_report r
                    WHERE r.unit_id = ANY($1) AND r.period BETWEEN $2 AND $3 AND r.reported_at <= $4
                      AND ($5::text[] IS NULL OR r.indicator_code = ANY($5))
                    ORDER BY r.unit_id, r.indicator_code, r.period, r.revision DESC) v
            GROUP BY v.unit_id`,
            [ids, range.from, range.to, asOf, codes],
          );
        const byId = new Map<string, AdoptionValue[]>();
        const dates = fields.includes('reportedAt');
        for (const row of rows) {
          if (dates)
            for (const value of row.values) (value as AdoptionValue).reportedAt = new Date(value.reportedAt);
          byId.set(row.id, row.values as unknown as AdoptionValue[]);
        }
        return ids.map((id) => byId.get(id) ?? []);
      },
      // A whole province asked in one request (pages as aliases) is still one statement.
      { maxBatchSize: 5000 },
    ).load(hospitalId);
    return values ?? [];
  }

  async revisions(
    user: AuthUser,
    args: { indicatorCode: string; hospitalId?: string; regionCode?: string; period: string },
  ): Promise<AdoptionValue[]> {
    if (!args.hospitalId === !args.regionCode) {
      throw AppError.badInput('regionCode', 'give exactly one of regionCode and hospitalId');
    }
    if (args.hospitalId) this.assertMayReadHospital(user, args.hospitalId);
    return this.db.query(
      `SELECT ${VALUE_COLUMNS} FROM adoption_report r
        WHERE r.unit_id = $1 AND r.indicator_code = $2 AND r.period = $3 ORDER BY r.revision`,
      [args.hospitalId ?? args.regionCode, args.indicatorCode, periodToDate(args.period)],
    );
  }

  /** Per province: hospitals registered in the month, and how many reported anything (or `indicatorCode`). */
  async completeness(
    period: string,
    indicatorCode: string | undefined,
    asOf?: Date,
  ): Promise<ReportingCompleteness[]> {
    if (indicatorCode) {
      const indicator = await this.indicator(indicatorCode);
      if (indicator.reportingLevel !== 'HOSPITAL') {
        throw AppError.badInput('indicatorCode', `${indicatorCode} is not reported by hospitals`);
      }
    }
    return this.db.query(
      `WITH reporting AS (
         SELECT DISTINCT r.unit_id FROM adoption_report r
          WHERE r.period = $1 AND r.hospital_id IS NOT NULL AND r.reported_at <= $2
            AND ($3::text IS NULL OR r.indicator_code = $3))
       SELECT p.code AS "regionCode", p.name_en AS "regionNameEn", p.name_zh AS "regionNameZh",
              to_char($1::date, 'YYYY-MM') AS period,
              count(h.id)::int AS "unitsInScope", count(x.unit_id)::int AS "unitsReporting",
              CASE WHEN count(h.id) = 0 THEN 0 ELSE round(100.0 * count(x.unit_id) / count(h.id), 2) END AS completeness
         FROM region p
         LEFT JOIN hospital h ON h.region_code = p.code AND h.registered_from < ($1::date + interval '1 month')
                             AND (h.registered_until IS NULL OR h.registered_until > $1::date)
         LEFT JOIN reporting x ON x.unit_id = h.id
        WHERE p.level = 'PROVINCE'
        GROUP BY p.code ORDER BY p.code`,
      [periodToDate(period), asOf ?? new Date(), indicatorCode ?? null],
    );
  }

  async warnings(args: WarningsArgs): Promise<Connection<DataQualityWarning>> {
    const filter = args.filter ?? {};
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.period) where.push(`r.period = ${param(periodToDate(filter.period))}`);
    if (filter.indicatorCode) where.push(`r.indicator_code = ${param(filter.indicatorCode)}`);
    if (filter.hospitalId) where.push(`r.hospital_id = ${param(filter.hospitalId)}`);
    if (filter.regionCode) {
      where.push(`coalesce(h.region_code, r.region_code) IN (
        WITH RECURSIVE tree AS (SELECT code FROM region WHERE code = ${param(filter.regionCode)}
                                UNION ALL SELECT r2.code FROM region r2 JOIN tree t ON r2.parent_code = t.code)
        SELECT code FROM tree)`);
    }
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const cursor = decodeCursor(args.after, 1);
    if (cursor) {
      if (!Number.isSafeInteger(cursor[0]))
        throw AppError.badInput('after', 'is not a cursor returned by this list');
      where.push(`w.id > ${param(cursor[0])}`);
    }
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `adoption_warning w JOIN adoption_report r ON r.id = w.report_id LEFT JOIN hospital h ON h.id = r.hospital_id`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT w.id::text AS id, w.kind, w.message, w.previous_value AS "previousValue", w.value,
                w.created_at AS "createdAt", r.indicator_code AS "indicatorCode", r.hospital_id AS "hospitalId",
                r.region_code AS "regionCode", to_char(r.period, 'YYYY-MM') AS period, r.revision
           FROM ${from} ${pageWhere} ORDER BY w.id LIMIT ${param(args.first + 1)}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM ${from} ${countWhere}`, countParams),
    ]);
    return toConnection<DataQualityWarning, DataQualityWarning>(
      rows,
      args,
      total,
      (w) => [Number(w.id)],
      (w) => w,
    );
  }

  async openWindow(user: AuthUser, input: OpenReportingWindowInput): Promise<ReportingWindowException> {
    if (input.hospitalId && input.regionCode) {
      throw AppError.badInput('regionCode', 'give hospitalId or regionCode, or neither for all units');
    }
    if (input.openUntil.getTime() <= Date.now())
      throw AppError.badInput('openUntil', 'must be in the future');
    if (input.hospitalId) await this.existsOrFail('hospital', 'id', input.hospitalId, 'Hospital');
    if (input.regionCode) await this.existsOrFail('region', 'code', input.regionCode, 'Region');
    const [row] = await this.db.query(
      `INSERT INTO reporting_window_exception (period, unit_id, open_until, reason, opened_by)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, to_char(period, 'YYYY-MM') AS period, unit_id AS "unitId", open_until AS "openUntil", reason,
                 opened_by AS "openedBy", opened_at AS "openedAt"`,
      [
        periodToDate(input.period),
        input.hospitalId ?? input.regionCode ?? null,
        input.openUntil,
        input.reason,
        user.id,
      ],
    );
    return row;
  }

  private async aggregateRows(
    scope: string,
    roots: string[],
    indicatorCode: string,
    range: { from: string; to: string },
    asOf: Date,
    indicator: IndicatorShape,
    single = false,
  ): Promise<(AdoptionPoint & { root: string })[]> {
    return this.db.query(AGGREGATE(scope), [
      roots,
      indicatorCode,
      range.from,
      range.to,
      asOf,
      indicator.reportingLevel,
      indicator.unit,
      single,
    ]);
  }

  private async aggregate(
    scope: string,
    roots: string[],
    indicatorCode: string,
    range: { from: string; to: string },
    asOf: Date,
    indicator: IndicatorShape,
    single = false,
  ): Promise<AdoptionPoint[]> {
    return (await this.aggregateRows(scope, roots, indicatorCode, range, asOf, indicator, single)).map(
      toPoint,
    );
  }

  private async indicator(code: string): Promise<IndicatorShape> {
    const [row] = await this.db.query(
      `SELECT unit, reporting_level AS "reportingLevel" FROM indicator WHERE code = $1`,
      [code],
    );
    if (!row) throw AppError.badInput('indicatorCode', `no indicator ${code}`);
    return row;
  }

  private async existsOrFail(table: string, column: string, key: string, what: string): Promise<void> {
    const rows = await this.db.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [key]);
    if (!rows.length) throw AppError.notFound(what, key);
  }
}

function toPoint({ root: _root, ...point }: AdoptionPoint & { root: string }): AdoptionPoint {
  return point;
}

function checkRange(from: string, to: string): { from: string; to: string } {
  const months = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
  if (months(to) < months(from)) throw AppError.badInput('to', 'must not be before from');
  if (months(to) - months(from) + 1 > MAX_SERIES_MONTHS) {
    throw AppError.badInput('to', `a series spans at most ${MAX_SERIES_MONTHS} months`);
  }
  return { from: periodToDate(from), to: periodToDate(to) };
}
