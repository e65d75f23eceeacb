/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field */
import iconv from 'iconv-lite';
import { request as httpRequest } from 'node:http';
import type { RunningApp } from '../src/bootstrap.js';
import { countStatements, dataSourceOf, errorCodes, gql, login, startTestApp } from './helpers.js';

/** Months relative to today in Beijing: the last complete month is open (45-day window), older ones closed. */
function monthsAgo(n: number): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));
  return d.toISOString().slice(0, 7);
}
const OPEN = monthsAgo(1);
const CLOSED = monthsAgo(3);
const CURRENT = monthsAgo(0);

// Hospitals of Xinjiang (650000) are left to this file; other files do not write adoption data.
const H1 = 'SYN-650000-0001';
const H2 = 'SYN-650000-0002';
const H3 = 'SYN-650000-0003';

describe('adoption data: intake and reads', () => {
  let app: RunningApp;
  let regulator: string;
  let hospitalUser: string;
  let company: string;
  beforeAll(async () => {
    app = await startTestApp({ REPORTING_WINDOW_DAYS: '45' });
    [regulator, hospitalUser, company] = await Promise.all(
      ['regulator@yardstick.test', 'hospital@yardstick.test', 'company-a@yardstick.test'].map((e) =>
        login(app, e),
      ),
    );
  });
  afterAll(() => app.close());

  const sql = (query: string, params: unknown[] = []) => dataSourceOf(app).query(query, params);
  const reportCount = async () => (await sql(`SELECT count(*)::int AS n FROM adoption_report`))[0].n;

  async function importCsv(body: string | Buffer, query = '', token = regulator) {
    const response = await fetch(`${app.url}/imports/adoption${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('rejects each bad row with its line, column and code, and imports the good rows', async () => {
    const csv = [
      'hospital_id,region_code,indicator_code,period,value,numerator,denominator',
      `${H1},,IMAGING_AI,${OPEN},1,,`,
      `SYN-NOPE,,IMAGING_AI,${OPEN},1,,`,
      `${H1},,NO_SUCH_INDICATOR,${OPEN},1,,`,
      `${H1},,CDS_AI,2026-13,1,,`,
      `${H1},,CDS_AI,${CURRENT},1,,`,
      `${H1},,CDS_AI,${OPEN},2,,`,
      `${H1},,LLM_DIAGNOSIS,${OPEN},perhaps,,`,
      `${H1},,LUNG_NODULE_DETECTION_RATE,${OPEN},120,,`,
      `${H2},,CDS_AI,${OPEN},1,,`,
      `${H2},,CDS_AI,${OPEN},0,,`,
      `${H2},,IMAGING_AI,${CLOSED},1,,`,
      `${H2},,PRIMARY_CARE_AI,${OPEN},,10,20`,
      `,990000,PRIMARY_CARE_AI,${OPEN},,10,20`,
      `,650000,PRIMARY_CARE_AI,${OPEN},,30,20`,
      `${H2},,IMAGING_AI,${OPEN},1`,
      `${H2},,SPECIALIST_DEPT_AI,${OPEN},,,`,
      `,100000,TRUSTED_DATA_SPACES,${OPEN},2.5,,`,
    ].join('\n');
    const { status, body } = await importCsv(csv);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rowsRead: 17, rejected: 16, applied: true, dryRun: false });
    expect(body.inserted + body.revised + body.unchanged).toBe(1);
    const byLine = Object.fromEntries(body.errors.map((e: { line: number }) => [e.line, e]));
    const expected: [number, string, string | null][] = [
      [3, 'UNKNOWN_HOSPITAL', 'hospital_id'],
      [4, 'UNKNOWN_INDICATOR', 'indicator_code'],
      [5, 'MALFORMED_PERIOD', 'period'],
      [6, 'FUTURE_PERIOD', 'period'],
      [7, 'VALUE_OUT_OF_RANGE', 'value'],
      [8, 'MALFORMED_VALUE', 'value'],
      [9, 'VALUE_OUT_OF_RANGE', 'value'],
      [10, 'DUPLICATE_KEY', 'period'],
      [11, 'DUPLICATE_KEY', 'period'],
      [12, 'REPORTING_WINDOW_CLOSED', 'period'],
      [13, 'UNIT_MISMATCH', 'hospital_id'],
      [14, 'UNKNOWN_REGION', 'region_code'],
      [15, 'VALUE_OUT_OF_RANGE', 'numerator'],
      [16, 'MALFORMED_ROW', null],
      [17, 'MISSING_VALUE', 'value'],
      [18, 'VALUE_OUT_OF_RANGE', 'value'],
    ];
    for (const [line, code, column] of expected) {
      expect(byLine[line]).toMatchObject({ line, code, column });
      expect(byLine[line].message.length).toBeGreaterThan(5);
    }
    expect(byLine[12].message).toMatch(
      /closed at the end of \d{4}-\d{2}-\d{2} \(45 days after the month ended\)/,
    );
    expect(byLine[10].message).toContain('10, 11');
  });

  it('applies nothing with allOrNothing when a row is bad, and nothing at all on a dry run', async () => {
    const csv = `hospital_id,indicator_code,period,value\n${H3},IMAGING_AI,${OPEN},0\n${H3},CDS_AI,${OPEN},7\n`;
    const before = await reportCount();
    const strict = await importCsv(csv, '?allOrNothing=true');
    expect(strict.body).toMatchObject({
      applied: false,
      rejected: 1,
      inserted: 0,
      revised: 0,
      batchId: null,
    });
    const good = `hospital_id,indicator_code,period,value\n${H3},IMAGING_AI,${OPEN},0\n${H3},CDS_AI,${OPEN},1\n`;
    const dry = await importCsv(good, '?dryRun=true');
    expect(dry.body).toMatchObject({ applied: false, dryRun: true, rejected: 0, batchId: null });
    expect(dry.body.inserted + dry.body.revised).toBeGreaterThan(0);
    expect(await reportCount()).toBe(before);
  });

  it('changes nothing when the same file is imported again', async () => {
    const csv = `hospital_id,indicator_code,period,value\n${H3},IMAGING_AI,${OPEN},0\n${H3},CDS_AI,${OPEN},1\n`;
    const first = await importCsv(csv);
    expect(first.body.applied).toBe(true);
    const before = await reportCount();
    const again = await importCsv(csv);
    expect(again.body).toMatchObject({ rowsRead: 2, inserted: 0, revised: 0, unchanged: 2, rejected: 0 });
    expect(await reportCount()).toBe(before);
  });

  it('reads a GBK file saved from Excel, with Chinese headers and 是/否, and a UTF-8 file with a BOM', async () => {
    const text = `医院编码,指标编码,月份,数值\r\n${H1},CDS_AI,${OPEN},是\r\n${H1},LLM_DIAGNOSIS,${OPEN},否\r\n`;
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const fromGbk = await importCsv(gbk);
    expect(fromGbk.body).toMatchObject({ rowsRead: 2, rejected: 0, applied: true });
    const values = await sql(
      `SELECT DISTINCT ON (indicator_code) indicator_code, value FROM adoption_report
        WHERE unit_id = $1 AND period = $2 AND indicator_code IN ('CDS_AI', 'LLM_DIAGNOSIS')
        ORDER BY indicator_code, revision DESC`,
      [H1, `${OPEN}-01`],
    );
    expect(values).toEqual([
      { indicator_code: 'CDS_AI', value: '1' },
      { indicator_code: 'LLM_DIAGNOSIS', value: '0' },
    ]);

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const fromBom = await importCsv(bom);
    expect(fromBom.body).toMatchObject({ rowsRead: 2, rejected: 0, inserted: 0, revised: 0, unchanged: 2 });
  });

  it('accepts a multipart upload and refuses a file with an unknown column, naming it', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([`hospital_id,indicator_code,period,value\n${H1},IMAGING_AI,${OPEN},1\n`]),
      'a.csv',
    );
    const response = await fetch(`${app.url}/imports/adoption?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${regulator}` },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rowsRead: 1, rejected: 0, dryRun: true });

    const bad = await importCsv(`hospital,indicator_code,period,value\n${H1},IMAGING_AI,${OPEN},1\n`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', column: 'hospital' });
  });

  it('refuses an empty or header-only file, and rejects year 0000 and NUL characters row by row', async () => {
    for (const body of ['', 'hospital_id,indicator_code,period,value\n']) {
      const result = await importCsv(body);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    }
    const odd = await importCsv(
      `hospital_id,indicator_code,period,value\n${H1},IMAGING_AI,0000-01,1\n${H1},IMAGING_AI,${OPEN},1\u0000\n`,
      '?dryRun=true',
    );
    expect(odd.body.errors.map((e: any) => e.code)).toEqual(['MALFORMED_PERIOD', 'MALFORMED_ROW']);
  });

  it('rolls back and frees the connection when a client goes away mid-upload', async () => {
    for (const bytes of [10_000, 200_000]) {
      const url = new URL(`${app.url}/imports/adoption`);
      const upload = httpRequest({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          authorization: `Bearer ${regulator}`,
          'transfer-encoding': 'chunked',
        },
      });
      upload.on('error', () => undefined);
      upload.write('hospital_id,indicator_code,period,value\n');
      upload.write(`${H1},IMAGING_AI,${OPEN},1\n`.repeat(Math.ceil(bytes / 40)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      upload.destroy();
      let copying = 1;
      for (let i = 0; i < 50 && copying > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        [{ copying }] = await sql(
          `SELECT count(*)::int AS copying FROM pg_stat_activity
            WHERE query LIKE 'COPY adoption_staging%' AND state <> 'idle'`,
        );
      }
      expect(copying).toBe(0);
    }
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  it('keeps a corrected value as a new revision and answers "as known at" with the old one', async () => {
    const submit = (value: string) =>
      gql(
        app,
        `mutation ($input: SubmitAdoptionReportsInput!) {
           submitAdoptionReports(input: $input) { applied inserted revised unchanged rejected errors { line code } } }`,
        {
          input: { reports: [{ hospitalId: H2, indicatorCode: 'SPECIALIST_DEPT_AI', period: OPEN, value }] },
        },
        regulator,
      );
    expect((await submit('0')).data.submitAdoptionReports.rejected).toBe(0);
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const corrected = await submit('1');
    expect(corrected.data.submitAdoptionReports).toMatchObject({ applied: true, revised: 1 });

    const series = `query ($asOf: DateTime) {
      adoptionSeries(indicatorCode: "SPECIALIST_DEPT_AI", hospitalId: "${H2}", from: "${OPEN}", to: "${OPEN}", asOf: $asOf) {
        points { value unitsReporting } } }`;
    expect((await gql(app, series, {}, regulator)).data.adoptionSeries.points[0].value).toBe('1');
    expect(
      (await gql(app, series, { asOf: between.toISOString() }, regulator)).data.adoptionSeries.points[0]
        .value,
    ).toBe('0');
    const revisions = await gql(
      app,
      `{ adoptionRevisions(indicatorCode: "SPECIALIST_DEPT_AI", hospitalId: "${H2}", period: "${OPEN}") { revision value } }`,
      {},
      regulator,
    );
    const list = revisions.data.adoptionRevisions;
    expect(list.slice(-2).map((r: { value: string }) => r.value)).toEqual(['0', '1']);
    expect(list.map((r: { revision: number }) => r.revision)).toEqual(
      list.map((_: unknown, i: number) => i + 1),
    );
  });

  it('lets a hospital officer report for its own hospital only, and reopens a closed month on a regulator’s word', async () => {
    const mutation = `mutation ($input: SubmitAdoptionReportsInput!) { submitAdoptionReports(input: $input) { applied rejected errors { code } } }`;
    const before = await reportCount();
    const foreign = await gql(
      app,
      mutation,
      {
        input: {
          reports: [
            { hospitalId: 'SYN-110000-0001', indicatorCode: 'IMAGING_AI', period: OPEN, value: '1' },
            { hospitalId: H1, indicatorCode: 'IMAGING_AI', period: OPEN, value: '0' },
          ],
        },
      },
      hospitalUser,
    );
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    expect(await reportCount()).toBe(before);
    const upload = await importCsv(
      `hospital_id,indicator_code,period,value\n${H1},IMAGING_AI,${OPEN},0\n`,
      '',
      hospitalUser,
    );
    expect(upload.status).toBe(403);
    expect(await reportCount()).toBe(before);
    expect((await importCsv('hospital_id,indicator_code,period,value\n', '', company)).status).toBe(403);

    const own = { hospitalId: 'SYN-110000-0001', indicatorCode: 'LLM_DIAGNOSIS', period: CLOSED, value: '1' };
    const closed = await gql(app, mutation, { input: { reports: [own] } }, hospitalUser);
    expect(closed.data.submitAdoptionReports.errors).toEqual([{ code: 'REPORTING_WINDOW_CLOSED' }]);

    const reopen = `mutation ($input: OpenReportingWindowInput!) { openReportingWindow(input: $input) { id unitId period } }`;
    const input = {
      period: CLOSED,
      hospitalId: 'SYN-110000-0001',
      openUntil: new Date(Date.now() + 3600_000).toISOString(),
      reason: 'Late data after a system outage',
    };
    expect(errorCodes(await gql(app, reopen, { input }, hospitalUser))).toEqual(['FORBIDDEN']);
    const opened = await gql(app, reopen, { input }, regulator);
    expect(opened.data.openReportingWindow).toMatchObject({ unitId: 'SYN-110000-0001', period: CLOSED });
    const accepted = await gql(app, mutation, { input: { reports: [own] } }, hospitalUser);
    expect(accepted.data.submitAdoptionReports).toMatchObject({ applied: true, rejected: 0 });
  });

  it('flags an implausible jump as a warning but keeps the value', async () => {
    const previous = monthsAgo(2);
    await sql(
      `INSERT INTO reporting_window_exception (period, unit_id, open_until, reason, opened_by)
       SELECT $1::date, $2, now() + interval '1 hour', 'test: reopen for a two-month series', id
         FROM app_user WHERE email = 'regulator@yardstick.test'`,
      [`${previous}-01`, H3],
    );
    const csv = `hospital_id,indicator_code,period,value\n${H3},LUNG_NODULE_DETECTION_RATE,${previous},20\n${H3},LUNG_NODULE_DETECTION_RATE,${OPEN},90\n`;
    const { body } = await importCsv(csv);
    expect(body).toMatchObject({ rejected: 0, applied: true, warnings: 1 });
    const warnings = await gql(
      app,
      `{ dataQualityWarnings(filter: { hospitalId: "${H3}", period: "${OPEN}" }) { totalCount edges { node { kind previousValue value } } } }`,
      {},
      regulator,
    );
    expect(warnings.data.dataQualityWarnings.edges[0].node).toEqual({
      kind: 'IMPLAUSIBLE_JUMP',
      previousValue: '20.00',
      value: '90.00',
    });
  });

  it('aggregates a region with coverage, and keeps adoption data from companies', async () => {
    const query = `{ adoptionSeries(indicatorCode: "IMAGING_AI", regionCode: "650000", from: "${OPEN}", to: "${OPEN}") {
      points { value numerator denominator unitsReporting unitsInScope coverage } } }`;
    const [point] = (await gql(app, query, {}, regulator)).data.adoptionSeries.points;
    const [truth] = await sql(
      `WITH latest AS (SELECT DISTINCT ON (unit_id) value FROM adoption_report r JOIN hospital h ON h.id = r.hospital_id
                        WHERE h.region_code = '650000' AND indicator_code = 'IMAGING_AI' AND period = $1
                        ORDER BY unit_id, revision DESC)
       SELECT count(*)::int AS reporting, sum(value)::text AS yes,
              (SELECT count(*)::int FROM hospital WHERE region_code = '650000') AS in_scope FROM latest`,
      [`${OPEN}-01`],
    );
    expect(point).toMatchObject({
      unitsReporting: truth.reporting,
      unitsInScope: truth.in_scope,
      numerator: truth.yes,
    });
    expect(Number(point.value)).toBeCloseTo((100 * Number(truth.yes)) / truth.reporting, 3);
    expect(Number(point.coverage)).toBeCloseTo((100 * truth.reporting) / truth.in_scope, 2);
    expect(errorCodes(await gql(app, query, {}, company))).toEqual(['FORBIDDEN']);
  });

  it('answers a page of 50 hospitals with 12 months of 4 indicators in the same few statements as a page of 5', async () => {
    const query = `query ($first: Int!) {
      hospitals(first: $first, filter: { regionCode: "440000" }) {
        totalCount
        edges { node { id nameZh region { code nameEn }
          adoption(from: "${monthsAgo(12)}", to: "${OPEN}", indicatorCodes: ["IMAGING_AI", "CDS_AI", "LLM_DIAGNOSIS", "SPECIALIST_DEPT_AI"]) {
            indicatorCode period value revision } } } } }`;
    const run = (first: number) =>
      countStatements(app, async () => {
        const result = await gql(app, query, { first }, regulator);
        expect(result.errors).toBeUndefined();
        const values = result.data.hospitals.edges.flatMap(
          (e: { node: { adoption: unknown[] } }) => e.node.adoption,
        );
        expect(values.length).toBeGreaterThan(first * 4 * 12 * 0.9);
      });
    await run(5); // warm the pool: a new connection runs set-up statements of its own
    const small = await run(5);
    const large = await run(50);
    expect(large).toBe(small);
    // the page with its total, region check and regions in one statement; the adoption values in one more
    expect(large).toBe(2);
  });
});
