import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { byKeys, requestLoader, type RequestContext } from '../common/request-context.js';
import type { HospitalsArgs } from './hospitals.args.js';
import { type Hospital, type Region } from './registry.model.js';

const REGION_COLUMNS = `code, level, name_zh AS "nameZh", name_en AS "nameEn",
  population_thousands AS "populationThousands", parent_code AS "parentCode"`;
const HOSPITAL_COLUMNS = `h.id, h.name_zh AS "nameZh", h.name_en AS "nameEn", h.tier, h.type,
  h.registered_from AS "registeredFrom", h.registered_until AS "registeredUntil", h.synthetic,
  h.region_code AS "regionCode"`;

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

  async hospital(id: string): Promise<Hospital> {
    const [row] = await this.db.query(`SELECT ${HOSPITAL_COLUMNS} FROM hospital h WHERE h.id = $1`, [id]);
    if (!row) throw AppError.notFound('Hospital', id);
    return row;
  }

  /**
   * Two statements whatever the page size: the page (keyset on id, one row extra to detect a next page) and
   * the total, both under the same filter.
   */
  async hospitals(args: HospitalsArgs): Promise<Connection<Hospital>> {
    const filter = args.filter ?? {};
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;

    if (filter.regionCode) {
      await this.region(filter.regionCode).catch(() => {
        throw AppError.badInput('filter.regionCode', `unknown region ${filter.regionCode}`);
      });
      where.push(`h.region_code IN (
        WITH RECURSIVE subtree AS (
          SELECT code FROM region WHERE code = ${param(filter.regionCode)}
          UNION ALL SELECT r.code FROM region r JOIN subtree s ON r.parent_code = s.code)
        SELECT code FROM subtree)`);
    }
    if (filter.tier) where.push(`h.tier = ${param(filter.tier)}`);
    if (filter.type) where.push(`h.type = ${param(filter.type)}`);
    if (filter.name) {
      const pattern = param(`%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(h.name_zh ILIKE ${pattern} OR h.name_en ILIKE ${pattern})`);
    }
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];

    const cursor = decodeCursor(args.after, 1);
    if (cursor) where.push(`h.id > ${param(String(cursor[0]))}`);
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';

    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${HOSPITAL_COLUMNS} FROM hospital h ${pageWhere} ORDER BY h.id LIMIT ${param(args.first + 1)}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM hospital h ${countWhere}`, countParams),
    ]);
    return toConnection<Hospital, Hospital>(
      rows,
      args,
      total,
      (row) => [row.id],
      (row) => row,
    );
  }

  regionByCode(context: RequestContext, code: string): Promise<Region | null> {
    return requestLoader<string, Region>(context, 'region.byCode', async (codes) =>
      byKeys(
        codes,
        await this.db.query(`SELECT ${REGION_COLUMNS} FROM region WHERE code = ANY($1)`, [codes]),
        (r: Region) => r.code,
      ),
    ).load(code);
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
