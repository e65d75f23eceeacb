import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import type { RunningApp } from '../src/bootstrap.js';
import { DEMO_PASSWORD, errorCodes, gql, login, ownerDataSource, startTestApp } from './helpers.js';

/**
 * The authorization matrix: every root Query and Mutation field of schema.gql, and every REST route, called over
 * real HTTP by each role and by an anonymous caller, with the outcome checked against the table below.
 *
 * ALLOWED means the request got past the guard: no FORBIDDEN and no UNAUTHENTICATED error. A domain refusal
 * after the guard (NOT_FOUND, CONFLICT, BAD_USER_INPUT) still counts as allowed: it proves the handler ran. Each
 * request names the one outcome an allowed caller gets (no error, or that domain code), so a request that never
 * reached its handler cannot pass as allowed by accident.
 *
 * Mutations are sent with inputs that the domain refuses after the guard (a terminal application, a date in the
 * past, a month not yet ended, a dry run), so the shared demo database is left as it was; the last test checks it.
 */

const CALLERS = ['REGULATOR', 'ADMIN', 'HOSPITAL', 'COMPANY', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const Y: Outcome = 'ALLOWED';
const F: Outcome = 'FORBIDDEN';
const U: Outcome = 'UNAUTHENTICATED';

/** The spec, written by hand from the @Roles and @Public decorators of the resolvers. */
// prettier-ignore
const MATRIX: Record<'Query' | 'Mutation', Record<string, [Outcome, Outcome, Outcome, Outcome, Outcome]>> = {
  Query: {
    //                              REGULATOR ADMIN HOSPITAL COMPANY  anonymous
    adoptionRevisions:             [Y,        Y,    Y,       F,      U],
    adoptionSeries:                [Y,        Y,    Y,       F,      U],
    auditTrail:                    [Y,        Y,    F,       Y,      U],
    compliance:                    [Y,        Y,    F,       F,      U],
    complianceSnapshots:           [Y,        Y,    F,       F,      U],
    dataQualityWarnings:           [Y,        Y,    F,       F,      U],
    hospital:                      [Y,        Y,    Y,       Y,      U],
    hospitals:                     [Y,        Y,    Y,       Y,      U],
    indicators:                    [Y,        Y,    Y,       Y,      U],
    jobRuns:                       [Y,        Y,    F,       F,      U],
    me:                            [Y,        Y,    Y,       Y,      U],
    policies:                      [Y,        Y,    Y,       Y,      U],
    region:                        [Y,        Y,    Y,       Y,      U],
    regions:                       [Y,        Y,    Y,       Y,      U],
    reportingCompleteness:         [Y,        Y,    F,       F,      U],
    reports:                       [Y,        Y,    F,       F,      U],
    subsidyApplication:            [Y,        Y,    F,       Y,      U],
    subsidyApplications:           [Y,        Y,    F,       Y,      U],
    subsidyPrograms:               [Y,        Y,    F,       Y,      U],
    target:                        [Y,        Y,    Y,       Y,      U],
    targets:                       [Y,        Y,    Y,       Y,      U],
  },
  Mutation: {
    //                              REGULATOR ADMIN HOSPITAL COMPANY  anonymous
    addSubsidyRuleVersion:         [Y,        Y,    F,       F,      U],
    clawBackSubsidy:               [Y,        F,    F,       F,      U],
    createSubsidyApplication:      [F,        F,    F,       Y,      U],
    generateReport:                [Y,        Y,    F,       F,      U],
    login:                         [Y,        Y,    Y,       Y,      Y],
    openReportingWindow:           [Y,        F,    F,       F,      U],
    recordPayment:                 [Y,        F,    F,       F,      U],
    reviewSubsidyApplication:      [Y,        F,    F,       F,      U],
    runComplianceScoring:          [Y,        Y,    F,       F,      U],
    submitAdoptionReports:         [Y,        F,    Y,       F,      U],
    submitRedemption:              [F,        F,    F,       Y,      U],
    submitSubsidyApplication:      [F,        F,    F,       Y,      U],
    updateSubsidyApplication:      [F,        F,    F,       Y,      U],
    withdrawSubsidyApplication:    [F,        F,    F,       Y,      U],
  },
};

/** Fields inside roots a caller may read that check the role themselves (HTTP 200, the field refused). */
// prettier-ignore
const GUARDED_FIELDS: Record<string, [Outcome, Outcome, Outcome, Outcome]> = {
  //                          REGULATOR ADMIN HOSPITAL COMPANY
  'Target.compliance':       [Y,        Y,    F,       F],
  'Hospital.adoption':       [Y,        Y,    Y,       F],
  'Region.adoption':         [Y,        Y,    Y,       F],
};

/** REST routes: HTTP status by caller. */
// prettier-ignore
const ROUTES: Record<string, [number, number, number, number, number]> = {
  //                                         REGULATOR ADMIN HOSPITAL COMPANY anonymous
  'GET /reports/:id.pdf':                   [200,      200,  403,     403,    401],
  'POST /subsidy-applications/:id/documents':[403,     403,  403,     409,    401],
  'POST /imports/adoption':                 [200,      403,  200,     403,    401],
  'GET /metrics':                           [403,      200,  403,     403,    401],
  'GET /health':                            [200,      200,  200,     200,    200],
};

const ACCOUNTS: Record<Exclude<Caller, 'anonymous'>, string> = {
  REGULATOR: 'regulator@yardstick.test',
  ADMIN: 'admin@yardstick.test',
  HOSPITAL: 'hospital@yardstick.test',
  COMPANY: 'company-a@yardstick.test',
};

interface Ids {
  /** An application of company A in a terminal state (WITHDRAWN, REJECTED or CLAWED_BACK): every action refuses it. */
  terminalApplication: string;
  hospitalId: string;
  programCode: string;
  targetCode: string;
  hospitalIndicator: string;
  scoredPeriod: string;
  reportId: string;
}

interface Request {
  query: string;
  variables?: Record<string, unknown>;
  /** What an allowed caller gets: undefined for an answer without errors, else the domain code after the guard. */
  afterGuard?: string;
}

const EMPTY_DRAFT = {
  modelName: 'Authorization matrix probe',
  modelCategory: 'MEDICAL_IMAGING',
  competitivenessEvidence: 'none: this request is refused before anything is written',
  contracts: [],
  invoices: [],
};

/** A minimal valid request per root field, with real ids of the demo data. */
const REQUESTS: Record<string, (ids: Ids, caller: Caller) => Request> = {
  // ---- queries -----------------------------------------------------------------------------------------
  adoptionRevisions: (ids) => ({
    query: `query ($h: String, $i: String!, $p: Period!) { adoptionRevisions(hospitalId: $h, indicatorCode: $i, period: $p) { revision } }`,
    variables: { h: ids.hospitalId, i: ids.hospitalIndicator, p: ids.scoredPeriod },
  }),
  adoptionSeries: (ids) => ({
    query: `query ($i: String!, $p: Period!) { adoptionSeries(indicatorCode: $i, regionCode: "110000", from: $p, to: $p) { points { period } } }`,
    variables: { i: ids.hospitalIndicator, p: ids.scoredPeriod },
  }),
  auditTrail: (ids) => ({
    query: `query ($id: ID!) { auditTrail(entityId: $id) { seq action } }`,
    variables: { id: ids.terminalApplication },
  }),
  compliance: (ids) => ({
    query: `query ($p: Period!) { compliance(period: $p) { id } }`,
    variables: { p: ids.scoredPeriod },
  }),
  complianceSnapshots: () => ({ query: `{ complianceSnapshots(first: 1) { totalCount } }` }),
  dataQualityWarnings: () => ({ query: `{ dataQualityWarnings(first: 1) { totalCount } }` }),
  hospital: (ids) => ({
    query: `query ($id: ID!) { hospital(id: $id) { id } }`,
    variables: { id: ids.hospitalId },
  }),
  hospitals: () => ({ query: `{ hospitals(first: 1) { totalCount } }` }),
  indicators: () => ({ query: `{ indicators { code } }` }),
  jobRuns: () => ({ query: `{ jobRuns(first: 1) { totalCount } }` }),
  me: () => ({ query: `{ me { role } }` }),
  policies: () => ({ query: `{ policies { code } }` }),
  region: () => ({ query: `{ region(code: "110000") { code } }` }),
  regions: () => ({ query: `{ regions { code } }` }),
  reportingCompleteness: (ids) => ({
    query: `query ($p: Period!) { reportingCompleteness(period: $p) { regionCode } }`,
    variables: { p: ids.scoredPeriod },
  }),
  reports: () => ({ query: `{ reports(first: 1) { totalCount } }` }),
  subsidyApplication: (ids) => ({
    query: `query ($id: ID!) { subsidyApplication(id: $id) { id state } }`,
    variables: { id: ids.terminalApplication },
  }),
  subsidyApplications: () => ({ query: `{ subsidyApplications(first: 1) { totalCount } }` }),
  subsidyPrograms: () => ({ query: `{ subsidyPrograms { code } }` }),
  target: (ids) => ({
    query: `query ($c: String!) { target(code: $c) { code } }`,
    variables: { c: ids.targetCode },
  }),
  targets: () => ({ query: `{ targets(first: 1) { totalCount } }` }),

  // ---- mutations, each refused by a domain rule after the guard (or harmless, as login and a dry run are) ----
  addSubsidyRuleVersion: (ids) => ({
    query: `mutation ($input: AddRuleVersionInput!) { addSubsidyRuleVersion(input: $input) { id } }`,
    variables: {
      input: {
        programCode: ids.programCode,
        effectiveFrom: '2020-01-01', // rules never apply to the past
        rate: '0.5',
        companyCapPeriod: 'YEAR',
        eligibleCostTypes: ['COMPUTE_RENTAL'],
        requiredDocuments: [],
        source: 'authorization matrix probe',
        confidence: 'UNVERIFIED',
      },
    },
    afterGuard: 'BAD_USER_INPUT',
  }),
  clawBackSubsidy: (ids) => ({
    query: `mutation ($id: ID!) { clawBackSubsidy(input: { id: $id, amount: "1.00", justification: "authorization matrix probe" }) { id } }`,
    variables: { id: ids.terminalApplication },
    afterGuard: 'CONFLICT',
  }),
  createSubsidyApplication: () => ({
    query: `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { id } }`,
    variables: { input: { ...EMPTY_DRAFT, programCode: 'NO-SUCH-PROGRAMME' } },
    afterGuard: 'BAD_USER_INPUT',
  }),
  generateReport: () => ({
    query: `mutation { generateReport(kind: NATIONAL_MONTHLY, period: "1999-01") { id } }`,
    afterGuard: 'NOT_FOUND', // never scored
  }),
  login: (_ids, caller) => ({
    query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
    variables: { e: ACCOUNTS[caller === 'anonymous' ? 'REGULATOR' : caller], p: DEMO_PASSWORD },
  }),
  openReportingWindow: () => ({
    query: `mutation { openReportingWindow(input: { period: "2026-01", openUntil: "2020-01-01T00:00:00Z", reason: "authorization matrix probe" }) { id } }`,
    afterGuard: 'BAD_USER_INPUT', // openUntil in the past
  }),
  recordPayment: (ids) => ({
    query: `mutation ($id: ID!) { recordPayment(input: { id: $id, amount: "1.00", reference: "AUTHZ", justification: "authorization matrix probe" }) { id } }`,
    variables: { id: ids.terminalApplication },
    afterGuard: 'CONFLICT',
  }),
  reviewSubsidyApplication: (ids) => ({
    query: `mutation ($id: ID!) { reviewSubsidyApplication(input: { id: $id, decision: "START_REVIEW", justification: "authorization matrix probe" }) { id } }`,
    variables: { id: ids.terminalApplication },
    afterGuard: 'CONFLICT',
  }),
  runComplianceScoring: () => ({
    query: `mutation { runComplianceScoring(period: "2099-01") { id } }`,
    afterGuard: 'BAD_USER_INPUT', // the month has not ended
  }),
  submitAdoptionReports: (ids) => ({
    query: `mutation ($input: SubmitAdoptionReportsInput!) { submitAdoptionReports(input: $input) { dryRun applied rowsRead } }`,
    variables: {
      input: {
        dryRun: true,
        reports: [
          {
            hospitalId: ids.hospitalId,
            indicatorCode: ids.hospitalIndicator,
            period: ids.scoredPeriod,
            value: '1',
          },
        ],
      },
    },
  }),
  submitRedemption: (ids) => ({
    query: `mutation ($id: ID!) { submitRedemption(input: { id: $id }) { id } }`,
    variables: { id: ids.terminalApplication },
    afterGuard: 'CONFLICT',
  }),
  submitSubsidyApplication: (ids) => ({
    query: `mutation ($id: ID!) { submitSubsidyApplication(input: { id: $id }) { id } }`,
    variables: { id: ids.terminalApplication },
    afterGuard: 'CONFLICT',
  }),
  updateSubsidyApplication: (ids) => ({
    query: `mutation ($input: UpdateSubsidyApplicationInput!) { updateSubsidyApplication(input: $input) { id } }`,
    variables: { input: { ...EMPTY_DRAFT, id: ids.terminalApplication } },
    afterGuard: 'CONFLICT',
  }),
  withdrawSubsidyApplication: (ids) => ({
    query: `mutation ($id: ID!) { withdrawSubsidyApplication(input: { id: $id, justification: "authorization matrix probe" }) { id } }`,
    variables: { id: ids.terminalApplication },
    afterGuard: 'CONFLICT',
  }),
};

const GUARDED_FIELD_REQUESTS: Record<string, (ids: Ids) => Request> = {
  'Target.compliance': (ids) => ({
    query: `query ($c: String!, $p: Period!) { target(code: $c) { code compliance(period: $p) { status } } }`,
    variables: { c: ids.targetCode, p: ids.scoredPeriod },
  }),
  'Hospital.adoption': (ids) => ({
    query: `query ($id: ID!, $p: Period!) { hospital(id: $id) { id adoption(from: $p) { revision } } }`,
    variables: { id: ids.hospitalId, p: ids.scoredPeriod },
  }),
  'Region.adoption': (ids) => ({
    query: `query ($i: String!, $p: Period!) { region(code: "110000") { code adoption(indicatorCode: $i, from: $p, to: $p) { period } } }`,
    variables: { i: ids.hospitalIndicator, p: ids.scoredPeriod },
  }),
};

/** The root fields of schema.gql, read with graphql-js: the list the matrix must cover. */
function schemaRootFields(): Record<'Query' | 'Mutation', string[]> {
  const schema = buildSchema(readFileSync(new URL('../schema.gql', import.meta.url), 'utf8'));
  return {
    Query: Object.keys(schema.getQueryType()!.getFields()).sort(),
    Mutation: Object.keys(schema.getMutationType()!.getFields()).sort(),
  };
}

/** What the database holds where a refused request could have written; compared at the end. */
const FINGERPRINT = `SELECT
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM subsidy_application t) AS applications,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM compute_contract t) AS contracts,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM invoice t) AS invoices,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM subsidy_ledger_entry t) AS ledger,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM subsidy_rule_version t) AS rules,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM reporting_window_exception t) AS windows,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM target_version t) AS target_versions,
  (SELECT count(*) || ':' || coalesce(max(seq)::text, '') FROM audit_event) AS audit,
  (SELECT count(*) FROM application_document) AS documents,
  (SELECT count(*) FROM idempotency_key) AS idempotency,
  (SELECT count(*) || ':' || coalesce(max(id)::text, '') FROM adoption_report) AS adoption,
  (SELECT count(*) FROM adoption_batch) AS batches,
  (SELECT count(*) FROM compliance_snapshot) AS snapshots,
  (SELECT count(*) FROM job_run) AS job_runs,
  (SELECT count(*) FROM report) AS reports`;

describe('authorization matrix (every root field and route, every role, real HTTP)', () => {
  let app: RunningApp;
  let ids: Ids;
  let before: unknown;
  const tokens: Partial<Record<Caller, string>> = {};
  const sql = async (query: string, params: unknown[] = []) =>
    (await ownerDataSource(app)).query(query, params);

  beforeAll(async () => {
    app = await startTestApp();
    for (const caller of CALLERS) {
      if (caller !== 'anonymous') tokens[caller] = await login(app, ACCOUNTS[caller]);
    }
    const [{ terminal }] = await sql(
      `SELECT a.id AS terminal FROM subsidy_application a JOIN app_user u ON u.company_id = a.company_id
        WHERE u.email = $1 AND a.state IN ('WITHDRAWN', 'REJECTED', 'CLAWED_BACK') ORDER BY a.created_at, a.id LIMIT 1`,
      [ACCOUNTS.COMPANY],
    );
    const [{ hospital }] = await sql(`SELECT hospital_id AS hospital FROM app_user WHERE email = $1`, [
      ACCOUNTS.HOSPITAL,
    ]);
    const [{ program }] = await sql(`SELECT code AS program FROM subsidy_program ORDER BY code LIMIT 1`);
    const [{ target }] = await sql(`SELECT code AS target FROM target ORDER BY code LIMIT 1`);
    const [{ indicator }] = await sql(
      `SELECT code AS indicator FROM indicator WHERE reporting_level = 'HOSPITAL' ORDER BY code LIMIT 1`,
    );
    const [{ period }] = await sql(
      `SELECT to_char(period, 'YYYY-MM') AS period FROM compliance_snapshot ORDER BY period DESC LIMIT 1`,
    );
    // A report to download: an archived one, or else one made for this test from the oldest scored month, a
    // kind and language no other test counts.
    let [report] = await sql(`SELECT id FROM report ORDER BY created_at, id LIMIT 1`);
    if (!report) {
      const [{ oldest }] = await sql(
        `SELECT to_char(min(period), 'YYYY-MM') AS oldest FROM compliance_snapshot`,
      );
      const made = await gql(
        app,
        `mutation ($p: Period!) { generateReport(kind: BEIJING_SUBSIDY_MONTHLY, language: EN, period: $p) { id } }`,
        { p: oldest },
        tokens.REGULATOR,
      );
      if (!made.data) throw new Error(`no report to download: ${JSON.stringify(made.errors)}`);
      report = made.data.generateReport;
    }
    expect([terminal, hospital, program, target, indicator, period, report.id].every(Boolean)).toBe(true);
    ids = {
      terminalApplication: terminal,
      hospitalId: hospital,
      programCode: program,
      targetCode: target,
      hospitalIndicator: indicator,
      scoredPeriod: period,
      reportId: report.id,
    };
    before = (await sql(FINGERPRINT))[0];
  }, 180_000);
  afterAll(() => app?.close());

  it('has a row for every root field of schema.gql, and none for a field that is gone', () => {
    const fields = schemaRootFields();
    for (const type of ['Query', 'Mutation'] as const) {
      expect(Object.keys(MATRIX[type]).sort()).toEqual(fields[type]);
      for (const field of fields[type]) expect(REQUESTS[field]).toBeDefined();
    }
  });

  it('checks schema.gql against the schema the server runs', async () => {
    const live = await gql(
      app,
      `{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`,
      {},
      tokens.REGULATOR,
    );
    expect(live.errors).toBeUndefined();
    const names = (type: { fields: { name: string }[] }) => type.fields.map((f) => f.name).sort();
    expect({
      Query: names(live.data.__schema.queryType),
      Mutation: names(live.data.__schema.mutationType),
    }).toEqual(schemaRootFields());
  });

  const cases = (['Query', 'Mutation'] as const).flatMap((type) =>
    Object.entries(MATRIX[type]).flatMap(([field, outcomes]) =>
      CALLERS.map((caller, i) => ({ name: `${type}.${field}`, field, caller, expected: outcomes[i] })),
    ),
  );

  it.each(cases)('$name as $caller: $expected', async ({ field, caller, expected }) => {
    const request = REQUESTS[field](ids, caller);
    const result = await gql(app, request.query, request.variables, tokens[caller]);
    const codes = errorCodes(result);
    if (expected === 'ALLOWED') {
      // Past the guard: the answer itself, or the domain refusal the request was built to meet.
      expect(codes).toEqual(request.afterGuard ? [request.afterGuard] : []);
      if (!request.afterGuard) expect(result.data?.[field]).toBeDefined();
    } else {
      expect(codes).toEqual([expected]);
      expect(result.data?.[field] ?? null).toBeNull();
    }
  });

  const fieldCases = Object.entries(GUARDED_FIELDS).flatMap(([field, outcomes]) =>
    CALLERS.slice(0, 4).map((caller, i) => ({ name: field, field, caller, expected: outcomes[i] })),
  );

  it.each(fieldCases)('$name as $caller: $expected', async ({ field, caller, expected }) => {
    const request = GUARDED_FIELD_REQUESTS[field](ids);
    const result = await gql(app, request.query, request.variables, tokens[caller]);
    const [, name] = field.split('.');
    if (expected === 'ALLOWED') {
      expect(errorCodes(result)).toEqual([]);
      const root = Object.values(result.data ?? {})[0] as Record<string, unknown> | undefined;
      expect(root?.[name]).toBeDefined();
    } else {
      // The root is open to this role; the field itself refuses it.
      expect(errorCodes(result)).toEqual([expected]);
      expect((result.errors![0] as { path?: unknown }).path).toEqual([expect.any(String), name]);
    }
  });

  /** Each REST route as each caller: the status, and the code of a refusal. */
  const routeRequests: Record<
    string,
    (ids: Ids) => { method: string; path: string; body?: Buffer | string; type?: string }
  > = {
    'GET /reports/:id.pdf': (ids) => ({ method: 'GET', path: `/reports/${ids.reportId}.pdf` }),
    // The terminal application accepts no document: a company gets past the guard to CONFLICT, nothing is stored.
    'POST /subsidy-applications/:id/documents': (ids) => ({
      method: 'POST',
      path: `/subsidy-applications/${ids.terminalApplication}/documents?kind=CONTRACT&fileName=probe.pdf`,
      body: Buffer.from('%PDF-1.4\n% authorization matrix probe\n%%EOF\n'),
      type: 'application/pdf',
    }),
    // A dry run of one row for the demo hospital: checked and counted, nothing written.
    'POST /imports/adoption': (ids) => ({
      method: 'POST',
      path: '/imports/adoption?dryRun=true',
      body: `hospital_id,region_code,indicator_code,period,value,numerator,denominator\n${ids.hospitalId},,${ids.hospitalIndicator},${ids.scoredPeriod},1,,\n`,
      type: 'text/csv',
    }),
    'GET /metrics': () => ({ method: 'GET', path: '/metrics' }),
    'GET /health': () => ({ method: 'GET', path: '/health' }),
  };

  const routeCases = Object.entries(ROUTES).flatMap(([route, statuses]) =>
    CALLERS.map((caller, i) => ({ route, caller, status: statuses[i] })),
  );

  it.each(routeCases)('$route as $caller: HTTP $status', async ({ route, caller, status }) => {
    const request = routeRequests[route](ids);
    const token = tokens[caller];
    const response = await fetch(`${app.url}${request.path}`, {
      method: request.method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(request.type ? { 'content-type': request.type } : {}),
      },
      body: request.body,
    });
    expect(response.status).toBe(status);
    const text = await response.text();
    if (status === 401 || status === 403 || status === 409) {
      const code = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 409: 'CONFLICT' }[status];
      expect(JSON.parse(text).code).toBe(code);
    }
    if (route === 'GET /reports/:id.pdf' && status === 200) {
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(text.startsWith('%PDF-')).toBe(true);
    }
    if (route === 'POST /imports/adoption' && status === 200) {
      expect(JSON.parse(text)).toMatchObject({ dryRun: true, applied: false, rowsRead: 1 });
    }
  });

  it('changed nothing in the shared database', async () => {
    expect((await sql(FINGERPRINT))[0]).toEqual(before);
  });
});
