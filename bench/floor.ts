import { createServer } from 'node:http';
import pg from 'pg';
import {
  FROM,
  HOSPITAL,
  PROVINCE,
  Q1_INDICATORS,
  Q2_INDICATOR,
  SNAPSHOT_PERIOD,
  TO,
  PAGE,
} from './queries.js';

/**
 * The floor of the national benchmark: a bare node:http server that answers each query with ONE hand-written SQL
 * statement (prepared, parameters bound) in which PostgreSQL builds the whole JSON response; Node only copies the
 * text to the socket. No GraphQL, no auth, no validation: what a request costs when nothing but the database works.
 * Same rows and fields as Yardstick's answers (bench/queries.ts). Run: node dist/bench/floor.js (PORT, DATABASE_URL).
 */
const LATEST = (unit: string, codes: string) => `
  SELECT DISTINCT ON (r.indicator_code, r.period) r.indicator_code, r.period, r.value, r.revision
    FROM adoption_report r
   WHERE r.unit_id = ${unit} AND r.period BETWEEN $2::date AND $3::date AND r.reported_at <= now() ${codes}
   ORDER BY r.indicator_code, r.period, r.revision DESC`;
const VALUES_JSON = (unit: string, codes: string) => `coalesce((SELECT json_agg(json_build_object(
    'indicatorCode', v.indicator_code, 'period', to_char(v.period, 'YYYY-MM'), 'value', v.value::text,
    'revision', v.revision) ORDER BY v.indicator_code, v.period) FROM (${LATEST(unit, codes)}) v), '[]')`;
const CURSOR = (id: string) =>
  `translate(encode(convert_to(json_build_array(${id})::text, 'UTF8'), 'base64'), '+/=', '-_')`;

const SQL: Record<string, { text: string; values: (query: URLSearchParams) => unknown[] }> = {
  q0: {
    text: `SELECT json_build_object('data', json_build_object('hospital', json_build_object(
             'id', h.id, 'nameZh', h.name_zh, 'nameEn', h.name_en, 'tier', h.tier, 'type', h.type,
             'region', json_build_object('code', g.code, 'nameEn', g.name_en),
             'adoption', ${VALUES_JSON('h.id', '')})))::text AS body
             FROM hospital h JOIN region g ON g.code = h.region_code WHERE h.id = $1`,
    values: () => [HOSPITAL, `${FROM}-01`, `${TO}-01`],
  },
  q1: {
    text: `WITH page AS (SELECT h.id, h.name_zh, h.tier, h.region_code FROM hospital h
                          WHERE h.region_code = $1 ORDER BY h.id LIMIT $5 + 1)
           SELECT json_build_object('data', json_build_object('hospitals', json_build_object(
             'totalCount', (SELECT count(*) FROM hospital WHERE region_code = $1),
             'pageInfo', (SELECT json_build_object('hasNextPage', count(*) > $5,
                                                   'endCursor', ${CURSOR('(array_agg(id ORDER BY id))[least(count(*), $5)]')}) FROM page),
             'edges', (SELECT json_agg(json_build_object('node', json_build_object(
                 'id', p.id, 'nameZh', p.name_zh, 'tier', p.tier,
                 'region', json_build_object('code', g.code, 'nameEn', g.name_en),
                 'adoption', ${VALUES_JSON('p.id', 'AND r.indicator_code = ANY($4)')})) ORDER BY p.id)
                 FROM (SELECT * FROM page ORDER BY id LIMIT $5) p JOIN region g ON g.code = p.region_code))))::text AS body`,
    values: () => [PROVINCE, `${FROM}-01`, `${TO}-01`, Q1_INDICATORS, PAGE],
  },
  q2: {
    text: `SELECT json_build_object('data', json_build_object('hospitals', json_build_object(
             'totalCount', count(*),
             'edges', coalesce(json_agg(json_build_object('node', json_build_object(
                 'id', h.id, 'nameZh', h.name_zh, 'tier', h.tier,
                 'adoption', ${VALUES_JSON('h.id', 'AND r.indicator_code = $4')})) ORDER BY h.id), '[]'))))::text AS body
             FROM hospital h WHERE h.region_code = $1`,
    values: () => [PROVINCE, `${FROM}-01`, `${TO}-01`, Q2_INDICATOR],
  },
  q3: {
    text: `WITH s AS (SELECT id, period, data_cutoff FROM compliance_snapshot WHERE period = $1::date
                       ORDER BY created_at DESC, id DESC LIMIT 1),
                res AS (SELECT r.*, v.scope_region_code, v.title_en, g.name_en AS region_name,
                               r.region_code = v.scope_region_code AS national
                          FROM s JOIN compliance_result r ON r.snapshot_id = s.id
                          JOIN target_version v ON v.id = r.target_version_id JOIN region g ON g.code = r.region_code)
           SELECT json_build_object('data', json_build_object('compliance', (SELECT json_build_object(
             'id', s.id, 'period', to_char(s.period, 'YYYY-MM'), 'dataCutoff', s.data_cutoff,
             'targets', (SELECT coalesce(json_agg(json_build_object(
                 'target', json_build_object('code', t.target_code, 'titleEn', t.title_en),
                 'regionCode', json_build_object('code', t.region_code),
                 'status', t.status, 'measuredValue', t.measured_value::text, 'expectedValue', t.expected_value::text,
                 'coverage', t.coverage::text, 'threshold', t.threshold::text,
                 'byRegion', (SELECT coalesce(json_agg(json_build_object(
                     'region', json_build_object('code', b.region_code, 'nameEn', b.region_name), 'rank', b.rank,
                     'status', b.status, 'measuredValue', b.measured_value::text, 'coverage', b.coverage::text)
                     ORDER BY b.rank NULLS LAST, b.region_code), '[]')
                     FROM res b WHERE b.target_code = t.target_code AND NOT b.national)) ORDER BY t.target_code), '[]')
                 FROM res t WHERE t.national)) FROM s)))::text AS body`,
    values: () => [`${SNAPSHOT_PERIOD}-01`],
  },
  q4: {
    text: `WITH page AS (SELECT id, state, program_code, model_name, model_category, requested_amount, approved_amount,
                               submitted_at, created_at FROM subsidy_application WHERE company_id = $1
                         ORDER BY created_at DESC, id DESC LIMIT 21)
           SELECT json_build_object('data', json_build_object('subsidyApplications', json_build_object(
             'totalCount', (SELECT count(*) FROM subsidy_application WHERE company_id = $1),
             'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > 20 FROM page)),
             'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object(
                 'id', p.id, 'state', p.state, 'programCode', p.program_code, 'modelName', p.model_name,
                 'modelCategory', p.model_category, 'requestedAmount', p.requested_amount::text,
                 'approvedAmount', p.approved_amount::text, 'submittedAt', p.submitted_at, 'createdAt', p.created_at))
                 ORDER BY p.created_at DESC, p.id DESC), '[]')
                 FROM (SELECT * FROM page ORDER BY created_at DESC, id DESC LIMIT 20) p))))::text AS body`,
    values: (query) => [query.get('company')],
  },
};

function main() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    const name = url.pathname.slice(1);
    const sql = SQL[name];
    if (!sql) {
      res.writeHead(url.pathname === '/health' ? 200 : 404).end();
      return;
    }
    pool.query({ name, text: sql.text, values: sql.values(url.searchParams) }).then(
      (result) => {
        const body: string = result.rows[0]?.body ?? '{"data":null}';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
