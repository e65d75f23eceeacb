/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked field by field */
import { createHash } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RunningApp } from '../src/bootstrap.js';
import { lastClosedPeriod } from '../src/common/periods.js';
import { errorCodes, gql, login, startTestApp } from './helpers.js';

/** Every page's text, read back with pdfjs-dist (no system tools needed). */
async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item: any) => item.str ?? '').join(''));
  }
  await doc.destroy();
  return pages;
}

const GENERATE = `mutation ($k: ReportKind!, $p: Period!, $l: ReportLanguage) {
  generateReport(kind: $k, period: $p, language: $l) {
    id kind period language snapshotId templateVersion sha256 sizeBytes pageCount synthetic downloadPath
  }
}`;

describe('PDF reports', () => {
  let app: RunningApp;
  let regulator: string;
  let company: string;
  const period = lastClosedPeriod(new Date(), 30);

  beforeAll(async () => {
    app = await startTestApp();
    regulator = await login(app, 'regulator@yardstick.test');
    company = await login(app, 'company-a@yardstick.test');
  });
  afterAll(() => app?.close());

  const download = (path: string, token?: string) =>
    fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('renders the national report in Chinese with every target as compliance(period) gives it', async () => {
    const generated = await gql(app, GENERATE, { k: 'NATIONAL_MONTHLY', p: period, l: 'ZH_CN' }, regulator);
    expect(generated.errors).toBeUndefined();
    const report = generated.data.generateReport;
    expect(report).toMatchObject({ kind: 'NATIONAL_MONTHLY', period, language: 'ZH_CN', synthetic: true });

    const response = await download(report.downloadPath, regulator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(report.sizeBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.sha256);

    const pages = await pagesOf(bytes);
    expect(pages).toHaveLength(report.pageCount);
    const text = pages.join('\n');
    expect(text).toContain('医疗人工智能目标全国月度报告');
    expect(text).toContain('状态汇总');

    // The month's official snapshot (the seeded scheduled scoring), as the compliance API gives it.
    const snapshots = await gql(
      app,
      `query ($p: Period!) { complianceSnapshots(period: $p, first: 50) { edges { node { id trigger
         targets { target { code } status measuredValue expectedValue projectedValue coverage
           byRegion { region { nameZh } } } } } } }`,
      { p: period },
      regulator,
    );
    const official = snapshots.data.complianceSnapshots.edges
      .map((e: any) => e.node)
      .find((n: any) => n.trigger !== 'MANUAL');
    expect(official.id).toBe(report.snapshotId);
    for (const t of official.targets) {
      // The page that explains the target holds its code, status and every figure exactly as stored.
      const page = pages.find((p) => p.includes(`${t.target.code} · `) && p.includes(`(${t.status})`));
      expect(page).toBeDefined();
      for (const value of [t.measuredValue, t.expectedValue, t.projectedValue, t.coverage]) {
        if (value !== null) expect(page).toContain(value);
      }
      for (const region of t.byRegion) expect(text).toContain(region.region.nameZh);
    }
    // Every page names the snapshot and its page number, and carries the synthetic-data mark.
    pages.forEach((page, i) => {
      expect(page).toContain(report.snapshotId);
      expect(page).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`);
      expect(page).toContain('合成演示数据');
    });
  });

  it('embeds the CJK font as a subset, and nothing else', async () => {
    const generated = await gql(app, GENERATE, { k: 'NATIONAL_MONTHLY', p: period, l: 'ZH_CN' }, regulator);
    const bytes = Buffer.from(
      await (await download(generated.data.generateReport.downloadPath, regulator)).arrayBuffer(),
    );
    const pdf = bytes.toString('latin1');
    const fonts = [...pdf.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    expect(pdf).toContain('/FontFile2');
  });

  it('regenerates byte for byte: the same snapshot and template give the archived copy back', async () => {
    const first = (await gql(app, GENERATE, { k: 'NATIONAL_MONTHLY', p: period, l: 'EN' }, regulator)).data
      .generateReport;
    const again = await gql(app, GENERATE, { k: 'NATIONAL_MONTHLY', p: period, l: 'EN' }, regulator);
    expect(again.errors).toBeUndefined();
    expect(again.data.generateReport).toEqual(first);
    const text = (
      await pagesOf(new Uint8Array(await (await download(first.downloadPath, regulator)).arrayBuffer()))
    ).join('\n');
    expect(text).toContain('Medical AI targets: national monthly report');
    expect(text).toContain('SYNTHETIC DEMONSTRATION DATA');
  });

  it('renders the Beijing subsidy report from the ledger as recorded by the cut-off', async () => {
    // The last month of the demo history, still open: the seed scored it "now", after every demo application.
    const now = new Date(Date.now() + 8 * 3_600_000);
    const open = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const generated = await gql(
      app,
      GENERATE,
      { k: 'BEIJING_SUBSIDY_MONTHLY', p: open, l: 'ZH_CN' },
      regulator,
    );
    expect(generated.errors).toBeUndefined();
    const bytes = new Uint8Array(
      await (await download(generated.data.generateReport.downloadPath, regulator)).arrayBuffer(),
    );
    const text = (await pagesOf(bytes)).join('\n');
    expect(text).toContain('北京市医疗人工智能算力补贴月度报告');
    const programs = await gql(app, `{ subsidyPrograms { code ledger { budgetYear paid } } }`, {}, regulator);
    for (const program of programs.data.subsidyPrograms) {
      if (program.code.startsWith('BJ')) expect(text).toContain(program.code);
    }
    expect(text).toContain('BJ-2025-COMPUTE-SUBSIDY-CAP');
  });

  it('lists the archive and refuses downloads to companies and anonymous callers', async () => {
    const list = await gql(
      app,
      `query ($p: Period) { reports(filter: { period: $p, kind: NATIONAL_MONTHLY }, first: 10) { totalCount
         edges { node { id language sha256 pageCount downloadPath } } } }`,
      { p: period },
      regulator,
    );
    expect(list.data.reports.totalCount).toBe(2);
    const path = list.data.reports.edges[0].node.downloadPath;
    expect((await download(path, company)).status).toBe(403);
    expect((await download(path)).status).toBe(401);
    expect((await download('/reports/not-a-report.pdf', regulator)).status).toBe(400);
    expect((await download('/reports/00000000-0000-4000-8000-000000000000.pdf', regulator)).status).toBe(404);
    expect(errorCodes(await gql(app, GENERATE, { k: 'NATIONAL_MONTHLY', p: period }, company))).toEqual([
      'FORBIDDEN',
    ]);
    const unscored = await gql(app, GENERATE, { k: 'NATIONAL_MONTHLY', p: '2020-01' }, regulator);
    expect(unscored.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'period' });
  });
});
