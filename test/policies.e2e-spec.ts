import type { RunningApp } from '../src/bootstrap.js';
import { errorCodes, gql, login, startTestApp } from './helpers.js';

const TARGET_FIELDS = `code titleZh titleEn threshold comparator aggregation deadline baselinePeriod baselineValue
  scoringMethod tolerance minCoverage authorityLevel confidence sourceClause qualitative effectiveFrom versionId
  scope { regionCode tiers types } milestones { period value }
  operationalisation { wordingZh wordingEn proposedThreshold rationale status decidedBy decidedAt }
  indicator { code unit reportingLevel }
  policy { code titleEn issuerEn issuedOn authorityLevel confidence source { title publisher publishedOn } }
  versions { id effectiveFrom threshold }`;

const REQUIRED_TARGETS = [
  'NHC-2027-PRIMARY-AI',
  'NHC-2027-SPECIALIST-AI',
  'NHC-2027-TRUSTED-DATA-SPACES',
  'NHC-2030-PRIMARY-AI-COVERAGE',
  'NHC-2030-IMAGING-AI',
  'NHC-2030-CDS-AI',
  'NHC-2030-STANDARDS',
  'CANCER-2030-LLM-HOSPITALS',
  'CANCER-2030-ONCOLOGIST-TWINS',
  'BJ-2025-COMPUTE-SUBSIDY-CAP',
];

describe('policy library', () => {
  let app: RunningApp;
  let token: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let targets: any[];
  beforeAll(async () => {
    app = await startTestApp();
    token = await login(app, 'hospital@yardstick.test');
    const result = await gql(
      app,
      `{ targets(first: 100) { totalCount edges { node { ${TARGET_FIELDS} } } } }`,
      {},
      token,
    );
    expect(result.errors).toBeUndefined();
    targets = result.data.targets.edges.map((e: { node: unknown }) => e.node);
  });
  afterAll(() => app.close());

  it('holds every target the foundation names', () => {
    expect(targets.map((t) => t.code).sort()).toEqual(expect.arrayContaining([...REQUIRED_TARGETS].sort()));
  });

  it('gives every target a source, an authority level and a confidence', () => {
    for (const target of targets) {
      expect(target.policy.source.title).toBeTruthy();
      expect(target.policy.source.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(target.sourceClause).toBeTruthy();
      expect(target.authorityLevel).toBeTruthy();
      expect(target.confidence).toBeTruthy();
      expect(target.versions.length).toBeGreaterThanOrEqual(1);
      expect(target.versions.map((v: { id: string }) => v.id)).toContain(target.versionId);
    }
  });

  it('turns every qualitative goal into a proposal with a threshold and a rationale', () => {
    const qualitative = targets.filter((t) => t.qualitative);
    expect(qualitative.length).toBeGreaterThanOrEqual(8);
    for (const target of qualitative) {
      expect(target.operationalisation).toMatchObject({
        status: 'PROPOSAL',
        decidedBy: null,
        decidedAt: null,
      });
      expect(target.operationalisation.proposedThreshold).toBe(target.threshold);
      expect(target.operationalisation.rationale.length).toBeGreaterThan(40);
    }
    for (const target of targets.filter((t) => !t.qualitative)) expect(target.operationalisation).toBeNull();
  });

  it('records the cancer initiative as an industry initiative and the Beijing cap as unverified', () => {
    const byCode = Object.fromEntries(targets.map((t) => [t.code, t]));
    expect(byCode['CANCER-2030-LLM-HOSPITALS']).toMatchObject({
      authorityLevel: 'INDUSTRY_INITIATIVE',
      threshold: '12000',
      aggregation: 'COUNT',
      deadline: '2030-12',
    });
    expect(byCode['BJ-2025-COMPUTE-SUBSIDY-CAP']).toMatchObject({
      authorityLevel: 'MUNICIPAL_GOVERNMENT',
      confidence: 'UNVERIFIED',
      comparator: 'AT_MOST',
      threshold: '30000000',
      scope: { regionCode: '110000' },
    });
    expect(byCode['NHC-2030-PRIMARY-AI-COVERAGE'].milestones).toEqual([{ period: '2027-12', value: '50' }]);
    expect(byCode['NHC-2030-IMAGING-AI'].scope.tiers.sort()).toEqual(['SECONDARY', 'TERTIARY']);
  });

  it('pages targets with keyset cursors and filters them', async () => {
    const first = await gql(
      app,
      `{ targets(first: 4) { totalCount pageInfo { endCursor hasNextPage } edges { node { code } } } }`,
      {},
      token,
    );
    const rest = await gql(
      app,
      `query ($after: String) { targets(first: 100, after: $after) { edges { node { code } } } }`,
      { after: first.data.targets.pageInfo.endCursor },
      token,
    );
    const codes = [...first.data.targets.edges, ...rest.data.targets.edges].map(
      (e: { node: { code: string } }) => e.node.code,
    );
    expect(codes).toEqual(targets.map((t) => t.code));
    expect(first.data.targets.totalCount).toBe(targets.length);

    const industry = await gql(
      app,
      `{ targets(filter: { authorityLevel: INDUSTRY_INITIATIVE }) { totalCount edges { node { code } } } }`,
      {},
      token,
    );
    expect(industry.data.targets.edges.map((e: { node: { code: string } }) => e.node.code).sort()).toEqual([
      'CANCER-2030-LLM-HOSPITALS',
      'CANCER-2030-ONCOLOGIST-TWINS',
    ]);
    const byPolicy = await gql(
      app,
      `{ targets(filter: { policyCode: "BJ-2025-MEDICAL-AI-PACKAGE" }) { totalCount } }`,
      {},
      token,
    );
    expect(byPolicy.data.targets.totalCount).toBe(1);
    const byIndicator = await gql(
      app,
      `{ targets(filter: { indicatorCode: "PRIMARY_CARE_AI" }) { totalCount } }`,
      {},
      token,
    );
    expect(byIndicator.data.targets.totalCount).toBe(2);
  });

  it('answers target(code) and NOT_FOUND for an unknown code', async () => {
    const found = await gql(
      app,
      `{ target(code: "NHC-2030-CDS-AI") { code indicator { code } } }`,
      {},
      token,
    );
    expect(found.data.target).toEqual({ code: 'NHC-2030-CDS-AI', indicator: { code: 'CDS_AI' } });
    expect(errorCodes(await gql(app, `{ target(code: "NOPE") { code } }`, {}, token))).toEqual(['NOT_FOUND']);
  });

  it('lists policies with issuer, date and source, and their targets', async () => {
    const result = await gql(
      app,
      `{ policies { code issuerZh issuerEn issuedOn verificationNote source { title } targets { code } } }`,
      {},
      token,
    );
    const policies = result.data.policies;
    expect(policies.map((p: { code: string }) => p.code)).toEqual([
      'NHC-2025-AI-HEALTHCARE',
      'BJ-2025-MEDICAL-AI-PACKAGE',
      'CACA-JDH-2025-CANCER-AI',
    ]);
    expect(policies.flatMap((p: { targets: unknown[] }) => p.targets)).toHaveLength(targets.length);
  });

  it('lists the indicators the targets measure', async () => {
    const result = await gql(app, `{ indicators { code unit reportingLevel minValue maxValue } }`, {}, token);
    const codes = result.data.indicators.map((i: { code: string }) => i.code);
    for (const target of targets) expect(codes).toContain(target.indicator.code);
    expect(result.data.indicators.find((i: { code: string }) => i.code === 'IMAGING_AI')).toMatchObject({
      unit: 'BOOLEAN',
      minValue: '0',
      maxValue: '1',
    });
  });
});
