import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { byKeys, requestLoader, type RequestContext } from '../common/request-context.js';
import type { HospitalFilter, HospitalsArgs } from './hospitals.args.js';
import { type Hospital, type Region } from './registry.model.js';

const REGION_COLUMNS = `code, level, name_zh AS "nameZh", name_en AS "nameEn",
  population_thousands AS "populationThousands", parent_code AS "parentCode"`;
const HOSPITAL_COLUMNS = `h.id, h.name_zh AS "nameZh", h.name_en AS "nameEn", h.tier, h.type,
  h.registered_from AS "registeredFrom", h.registered_until AS "registeredUntil", h.synthetic,
  h.region_code AS "regionCode"`;

// A region as JSON with the same keys as REGION_COLUMNS (alias g).
const REGION_JSON = `json_build_object('code', g.code, 'level', g.level, 'nameZh', g.name_zh, 'nameEn', g.name_en,
  'populationThousands', g.population_thousands, 'parentCode', g.parent_code)`;

interface PageRequest {
  after: string | null;
  wantTotal: boolean;
}
interface PageAnswer {
  rows: Hospital[];
  total: number | null;
}

/** Hot read paths select plain rows straight into API shapes; there is nothing to hydrate. */
@Injectable()
export class RegistryService {
  constructor(private readonly db: DataSource) {}

  regions(): Promise<Region[]> {
    return this.db.query(`SELECT ${REGION_COLUMNS} FROM region ORDER BY code`);
  }

  async region(code: string): Promise<Region> {
    const [row] = await this.db.query(`SELECT ${REGION_COLUMNS} FROM region WHERE code = $1`, [code]);
    if (!row) throw AppError.notFound('Region', code);
    return row;
  }

  /** With a request context, the hospital's region comes in the same statement (primed for `Hospital.region`). */
  async hospital(id: string, context?: RequestContext): Promise<Hospital> {
    const [row] = await this.db.query(
      `SELECT ${HOSPITAL_COLUMNS}, ${REGION_JSON} AS region
         FROM hospital h JOIN region g ON g.code = h.region_code WHERE h.id = $1`,
      [id],
    );
    if (!row) throw AppError.notFound('Hospital', id);
    const { region, ...hospital } = row as Hospital & { region: Region };
    if (context) this.regionLoader(context).prime(region.code, region);
    return hospital;
  }

  /**
   * One statement for a page: the region check of the filter, the page (keyset on id, one row extra to detect a
   * next page), the total when the client asked for it, and the page's regions (primed for `Hospital.region`).
   * Pages of the same filter asked in one request (aliases) share that one statement.
   */
  async hospitals(
    args: HospitalsArgs,
    context?: RequestContext,
    wantTotal = true,
  ): Promise<Connection<Hospital>> {
    const filter = args.filter ?? {};
    const cursor = decodeCursor(args.after, 1);
    const request: PageRequest = { after: cursor ? String(cursor[0]) : null, wantTotal };
    const key = JSON.stringify([filter.regionCode, filter.tier, filter.type, filter.name, args.first]);
    const answer = context
      ? await requestLoader<string, PageAnswer | Error>(
          context,
          `hospital.pages:${key}`,
          async (requests) =>
            this.pages(
              filter,
              args.first,
              requests.map((r) => JSON.parse(r)),
              context,
            ),
          // The next macrotask: every alias of the request has passed its guard and pipes by then.
          { batchScheduleFn: (dispatch) => setImmediate(dispatch) },
        ).load(JSON.stringify(request))
      : (await this.pages(filter, args.first, [request]))[0];
    if (answer instanceof Error) throw answer;
    const { rows, total } = answer!;
    return toConnection<Hospital, Hospital>(
      rows,
      args,
      total ?? 0,
      (row) => [row.id],
      (row) => row,
    );
  }

  private async pages(
    filter: HospitalFilter,
    first: number,
    requests: PageRequest[],
    context?: RequestContext,
  ): Promise<(PageAnswer | Error)[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    let codes = 'SELECT NULL::bpchar[] AS codes';
    let regionOk = 'true';
    if (filter.regionCode) {
      const code = param(filter.regionCode);
      codes = `WITH RECURSIVE subtree AS (
          SELECT code FROM region WHERE code = ${code}
          UNION ALL SELECT r.code FROM region r JOIN subtree s ON r.parent_code = s.code)
        SELECT array_agg(code) AS codes FROM subtree`;
      regionOk = `EXISTS (SELECT 1 FROM region WHERE code = ${code})`;
    }
    if (filter.tier) where.push(`h.tier = ${param(filter.tier)}`);
    if (filter.type) where.push(`h.type = ${param(filter.type)}`);
    if (filter.name) {
      const pattern = param(`%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(h.name_zh ILIKE ${pattern} OR h.name_en ILIKE ${pattern})`);
    }
    const limit = param(first + 1);
    const page = (conditions: string[]) =>
      `SELECT ${HOSPITAL_COLUMNS} FROM hospital h
        WHERE ${[...conditions, ...where, `h.id > coalesce(c.after, '')`].join(' AND ')}
        ORDER BY h.id LIMIT ${limit}`;
    // A single region (a province) walks the (region_code, id) index in id order; a subtree filters the id order.
    // Only one branch runs: the other's condition on k.codes is false before any row is read.
    const pageSql = filter.regionCode
      ? `(${page(['cardinality(k.codes) = 1', 'h.region_code = k.codes[1]'])})
         UNION ALL (${page(['cardinality(k.codes) > 1', 'h.region_code = ANY (k.codes)'])})`
      : page([]);
    const total = filter.regionCode
      ? `SELECT count(*)::int FROM codes k JOIN hospital h ON h.region_code = ANY (k.codes)${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`
      : `SELECT count(*)::int FROM hospital h${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const afters = param(requests.map((r) => r.after));
    const wantTotal = requests.some((r) => r.wantTotal);
    const [result] = await this.db.query(
      `WITH codes AS MATERIALIZED (${codes}),
       pages AS (
         SELECT c.i, x.* FROM codes k CROSS JOIN unnest(${afters}::text[]) WITH ORDINALITY AS c(after, i)
         CROSS JOIN LATERAL (${pageSql}) x)
       SELECT ${regionOk} AS "regionOk",
              ${wantTotal ? `(${total})` : 'NULL'} AS total,
              (SELECT coalesce(json_agg(p ORDER BY p.i, p.id), '[]') FROM pages p) AS rows,
              (SELECT coalesce(json_agg(${REGION_JSON}), '[]') FROM region g
                WHERE g.code IN (SELECT "regionCode" FROM pages)) AS regions`,
      params,
    );
    if (!result.regionOk) {
      const error = AppError.badInput('filter.regionCode', `unknown region ${filter.regionCode}`);
      return requests.map(() => error);
    }
    if (context) {
      const loader = this.regionLoader(context);
      for (const region of result.regions as Region[]) loader.prime(region.code, region);
    }
    const byPage: Hospital[][] = requests.map(() => []);
    for (const { i, ...row } of result.rows as (Hospital & { i: number })[]) byPage[i - 1].push(row);
    return byPage.map((rows) => ({ rows, total: result.total }));
  }

  regionByCode(context: RequestContext, code: string): Promise<Region | null> {
    return this.regionLoader(context).load(code);
  }

  private regionLoader(context: RequestContext) {
    return requestLoader<string, Region>(context, 'region.byCode', async (codes) =>
      byKeys(
        codes,
        await this.db.query(`SELECT ${REGION_COLUMNS} FROM region WHERE code = ANY($1)`, [codes]),
        (r: Region) => r.code,
      ),
    );
  }

  async regionChildren(context: RequestContext, code: string): Promise<Region[]> {
    const children = await requestLoader<string, Region[]>(context, 'region.children', async (codes) => {
      const rows: Region[] = await this.db.query(
        `SELECT ${REGION_COLUMNS} FROM region WHERE parent_code = ANY($1) ORDER BY code`,
        [codes],
      );
      return codes.map((c) => rows.filter((r) => r.parentCode === c));
    }).load(code);
    return children ?? [];
  }

  hospitalById(context: RequestContext, id: string): Promise<Hospital | null> {
    return requestLoader<string, Hospital>(context, 'hospital.byId', async (ids) =>
      byKeys(
        ids,
        await this.db.query(`SELECT ${HOSPITAL_COLUMNS} FROM hospital h WHERE h.id = ANY($1)`, [ids]),
        (h: Hospital) => h.id,
      ),
    ).load(id);
  }
}
