/* eslint-disable @typescript-eslint/no-explicit-any -- fuzzed inputs and answers are walked and checked as plain JSON */
import fc from 'fast-check';
import { DEMO_ACCOUNTS, DEMO_COMPANIES, DEMO_PROVIDERS } from '../seeds/demo-accounts.js';
import { seedDemoApplications } from '../seeds/demo-applications.js';
import { hashPassword } from '../src/auth/password.js';
import type { RunningApp } from '../src/bootstrap.js';
import { withDataSource } from '../src/database/prepare.js';
import { COST_TYPES, DOCUMENT_KINDS, MODEL_CATEGORIES } from '../src/subsidies/subsidies.model.js';
import {
  createScratchDatabase,
  DEMO_PASSWORD,
  gql,
  login,
  ownerDataSource,
  startTestApp,
  type GraphqlResponse,
} from './helpers.js';

/**
 * Property-based fuzzing of every mutation's input (fast-check), over real HTTP against the real server.
 *
 * For each mutation, two families of input: type-valid GraphQL (so the request reaches the resolver and its
 * validation: odd unicode, control characters, huge and empty strings, decimals such as "1e6" or "-0", dates that
 * do not exist, months such as "2026-13", random and real ids, empty and long lists) and type-invalid variables
 * (wrong JSON types, missing or unknown fields). The property, for every answer:
 *   - data without errors, or errors that each carry an `extensions.code` from the client-error codes below
 *     (never INTERNAL_SERVER_ERROR, never a missing code), and a BAD_USER_INPUT names its `field`;
 *   - when refused, nothing changed: the tables any mutation writes read the same, as the database owner,
 *     before and after.
 *
 * It runs on a database of its own (migrated, reference data, the demo accounts and demo applications), so that
 * the inputs fast-check happens to make valid may change data without touching the shared demo database.
 */

/** The codes of a refusal the client caused or must act on; anything else is a failure of the server. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_ATTEMPTS',
  'NOT_ELIGIBLE',
  'MISSING_DOCUMENTS',
  'NO_RULE_IN_FORCE',
  'POOL_EXHAUSTED',
  'COMPANY_CAP_EXHAUSTED',
  'PAYLOAD_TOO_LARGE',
  'GRAPHQL_VALIDATION_FAILED',
]);

/** Every table a mutation writes, read as the owner (row-level security does not hide rows from it). */
const FINGERPRINT = `SELECT
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM subsidy_application t) AS subsidy_application,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM compute_contract t) AS compute_contract,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM invoice t) AS invoice,
  (SELECT md5(string_agg((id, application_id, kind, file_name, sha256)::text, ',' ORDER BY id)) FROM application_document) AS application_document,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM subsidy_ledger_entry t) AS subsidy_ledger_entry,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM subsidy_rule_version t) AS subsidy_rule_version,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM target_version t) AS target_version,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM reporting_window_exception t) AS reporting_window_exception,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM idempotency_key t) AS idempotency_key,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM app_user t) AS app_user,
  (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM job_run t) AS job_run,
  (SELECT count(*) || ':' || coalesce(max(seq)::text, '') FROM audit_event) AS audit_event,
  (SELECT count(*) || ':' || coalesce(max(id)::text, '') FROM adoption_report) AS adoption_report,
  (SELECT count(*) FROM adoption_batch) AS adoption_batch,
  (SELECT count(*) FROM adoption_warning) AS adoption_warning,
  (SELECT count(*) FROM compliance_snapshot) AS compliance_snapshot,
  (SELECT count(*) FROM compliance_result) AS compliance_result,
  (SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM report) AS report`;

// ---- arbitraries ---------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Strings a client should never send, and a few it might. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\t\r\n',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u200b\ufeff',
    '医疗人工智能',
    '😀👩‍⚕️',
    "'; DROP TABLE subsidy_application; --",
    '%s%n%x',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
  ),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
);

/** Yuan with two decimals, as a client should send them. */
const money = fc.integer({ min: 0, max: 100_000_000 }).map((n) => (n / 100).toFixed(2));

/** A calendar date of the programmes' years. */
const calendarDate = fc
  .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Decimals as strings: valid money, and odd formats. */
const decimal = fc.oneof(
  money,
  fc.constantFrom(
    '1e6',
    '-0',
    '00.1',
    '1.234',
    '0',
    '0.00',
    '-1',
    '-0.01',
    '1.',
    '.5',
    '+1',
    '1,5',
    ' 1',
    'NaN',
    'Infinity',
    '0x1F',
    '١٢٣',
    '9'.repeat(40),
    `${'9'.repeat(16)}.99`,
    `${'9'.repeat(17)}.99`,
    '0.000001',
    '1.0000001',
    '',
  ),
  fc.double({ noNaN: true }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`),
  text,
);

const date = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1890, max: 2110 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2024-02-29',
    '2026-04-31',
    '0000-01-01',
    '1899-12-31',
    '2100-01-01',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '2026-01-01T00:00:00Z',
    '',
  ),
  text,
);

const period = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 13 }))
    .map(([y, m]) => `${y}-${pad(m)}`),
  fc.constantFrom(
    '2026-13',
    '2026-00',
    '1900-01',
    '2099-12',
    '0000-01',
    '2026-1',
    '2026-10-01',
    '202610',
    '',
  ),
  text,
);

const dateTime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date(), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2020-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0001-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T00:00:00+14:00',
    '2026-01-01',
    'now',
    '',
  ),
  text,
);

/** Ids: real ones (so deeper checks run), random UUIDs, and things that are not UUIDs. */
const id = (real: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    fc.uuid(),
    fc.constantFrom(
      '',
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      `${real[0].toUpperCase()}`,
      ` ${real[0]}`,
    ),
    text,
  );

/** Mostly `valid`, sometimes anything: enough valid inputs get through to the deeper rules. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: other });

/** A list: usually short, sometimes empty, sometimes past the limits. */
const list = <T>(item: fc.Arbitrary<T>, long: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant([] as T[]) },
    { weight: 1, arbitrary: fc.array(item, { minLength: long - 2, maxLength: long + 2 }) },
  );

/** Wrong JSON for any GraphQL input type. */
const wrongValue = fc.constantFrom<unknown>(
  null,
  0,
  -0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  [],
  [1, 'a'],
  {},
  { nested: { deeper: [null] } },
  'text',
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** Type-invalid variables: one place of a valid-typed input set to a wrong type, removed, or given a stranger. */
function corrupted(valid: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom('set', 'delete', 'add', 'whole'), wrongValue)
    .map(([c, n, operation, wrong]) => {
      const variables = structuredClone(c.variables) as Record<string, unknown>;
      const paths = pathsOf(variables);
      const path = paths[n % paths.length];
      if (operation === 'whole') {
        variables[path[0] as string] = wrong;
        return { ...c, variables };
      }
      const parent = path.slice(0, -1).reduce<any>((v, k) => v[k], variables);
      const key = path[path.length - 1];
      if (operation === 'set') parent[key] = wrong;
      else if (operation === 'delete' && Array.isArray(parent)) parent.splice(key as number, 1, wrong);
      else if (operation === 'delete') delete parent[key];
      else if (parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key])) {
        parent[key].unexpectedField = wrong;
      } else variables.unexpectedVariable = wrong;
      return { ...c, variables };
    });
}

// ---- the mutations --------------------------------------------------------------------------------------------

interface Case {
  caller: string;
  variables: Record<string, unknown>;
}

interface Fixtures {
  programCodes: string[];
  ownApplications: string[];
  otherApplications: string[];
  hospitalIds: string[];
  ownHospital: string;
  indicatorCodes: string[];
  scoredPeriod: string;
  usccs: string[];
}

interface Mutation {
  name: string;
  query: string;
  valid: (f: Fixtures) => fc.Arbitrary<Case>;
  /** Fewer runs for the mutations whose success is expensive (a scoring run, a PDF, a password hash). */
  runs: number;
}

const COMPANIES = ['company-a', 'company-b', 'company-d'];

const contract = (f: Fixtures) =>
  fc.record({
    providerName: mostly(fc.constant('Fuzz Compute Provider'), text),
    providerUscc: mostly(fc.constantFrom(...f.usccs), fc.oneof(text, fc.stringMatching(/^[0-9A-Z]{18}$/))),
    contractNumber: mostly(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-_/]{0,70}$/), text),
    costType: fc.constantFrom(...COST_TYPES),
    startDate: mostly(fc.constantFrom('2026-01-15', '2026-03-01'), date),
    endDate: mostly(fc.constantFrom('2026-06-30', '2026-11-30'), date),
    amount: mostly(money, decimal),
  });

const invoice = (contractNumbers: fc.Arbitrary<string>) =>
  fc.record({
    contractNumber: mostly(contractNumbers, text),
    invoiceNumber: mostly(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-_/]{0,70}$/), text),
    issuedOn: mostly(calendarDate, date),
    amount: mostly(money, decimal),
  });

const draft = (f: Fixtures) =>
  fc.record({
    modelName: mostly(fc.constant('Fuzz imaging model'), text),
    modelCategory: fc.constantFrom(...MODEL_CATEGORIES),
    competitivenessEvidence: mostly(fc.constant('Fuzz evidence'), text),
    contracts: list(contract(f), 50),
    invoices: list(invoice(fc.constantFrom('C-1', 'SYN-CC-2026-001')), 500),
  });

const justification = mostly(fc.constant('A fuzzed but well-formed justification'), text);

const MUTATIONS: Mutation[] = [
  {
    name: 'login',
    query: `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
    valid: () =>
      fc.record({
        caller: fc.constant('anonymous'),
        variables: fc.record({
          email: fc.oneof(
            fc.constantFrom(
              ...DEMO_ACCOUNTS.map((a) => a.email),
              'REGULATOR@yardstick.test',
              ' admin@yardstick.test ',
            ),
            fc.emailAddress(),
            text,
          ),
          password: fc.oneof(text, fc.constantFrom('', `${DEMO_PASSWORD} `, DEMO_PASSWORD.toUpperCase())),
        }),
      }),
    runs: 60,
  },
  {
    name: 'addSubsidyRuleVersion',
    query: `mutation ($input: AddRuleVersionInput!) { addSubsidyRuleVersion(input: $input) { id } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom('regulator', 'admin'),
        variables: fc.record({
          input: fc.record(
            {
              programCode: mostly(fc.constantFrom(...f.programCodes), text),
              effectiveFrom: mostly(
                fc
                  .integer({ min: 2, max: 20_000 })
                  .map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)),
                date,
              ),
              rate: mostly(
                fc.constantFrom('0', '0.0', '0.000000', '1', '1.000000', '0.5', '0.000001', '1.5'),
                decimal,
              ),
              perClaimCap: fc.option(decimal),
              companyCap: fc.option(decimal),
              companyCapPeriod: mostly(fc.constantFrom('YEAR', 'PROGRAM'), text),
              yearlyPool: fc.option(decimal),
              eligibleCostTypes: fc.array(fc.constantFrom(...COST_TYPES), { maxLength: 6 }),
              requiredDocuments: fc.array(fc.constantFrom(...DOCUMENT_KINDS), { maxLength: 6 }),
              source: mostly(fc.constant('Fuzz source document'), text),
              confidence: mostly(
                fc.constantFrom('PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED'),
                text,
              ),
              assumption: fc.option(text),
            },
            {
              requiredKeys: [
                'programCode',
                'effectiveFrom',
                'rate',
                'companyCapPeriod',
                'eligibleCostTypes',
                'requiredDocuments',
                'source',
                'confidence',
              ],
            },
          ),
        }),
      }),
    runs: 120,
  },
  {
    name: 'createSubsidyApplication',
    query: `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom(...COMPANIES),
        variables: fc.record({
          input: fc
            .tuple(
              draft(f),
              mostly(fc.constantFrom(...f.programCodes), text),
              fc.option(mostly(fc.uuid(), text), { nil: undefined }),
            )
            .map(([d, programCode, idempotencyKey]) => ({ ...d, programCode, idempotencyKey })),
        }),
      }),
    runs: 120,
  },
  {
    name: 'updateSubsidyApplication',
    query: `mutation ($input: UpdateSubsidyApplicationInput!) { updateSubsidyApplication(input: $input) { id } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom(...COMPANIES),
        variables: fc.record({
          input: fc
            .tuple(draft(f), id([...f.ownApplications, ...f.otherApplications]))
            .map(([d, applicationId]) => ({ ...d, id: applicationId })),
        }),
      }),
    runs: 120,
  },
  {
    name: 'submitSubsidyApplication',
    query: `mutation ($input: SubmitSubsidyApplicationInput!) { submitSubsidyApplication(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom(...COMPANIES),
        variables: fc.record({
          input: fc.record({
            id: id([...f.ownApplications, ...f.otherApplications]),
            idempotencyKey: fc.option(mostly(fc.uuid(), text)),
          }),
        }),
      }),
    runs: 100,
  },
  {
    name: 'withdrawSubsidyApplication',
    query: `mutation ($input: DecisionInput!) { withdrawSubsidyApplication(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom(...COMPANIES),
        variables: fc.record({
          input: fc.record({ id: id([...f.ownApplications, ...f.otherApplications]), justification }),
        }),
      }),
    runs: 100,
  },
  {
    name: 'reviewSubsidyApplication',
    query: `mutation ($input: ReviewSubsidyApplicationInput!) { reviewSubsidyApplication(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constant('regulator'),
        variables: fc.record({
          input: fc.record({
            id: id([...f.ownApplications, ...f.otherApplications]),
            decision: mostly(fc.constantFrom('START_REVIEW', 'APPROVE', 'REJECT'), text),
            justification,
          }),
        }),
      }),
    runs: 100,
  },
  {
    name: 'submitRedemption',
    query: `mutation ($input: SubmitRedemptionInput!) { submitRedemption(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom(...COMPANIES),
        variables: fc.record({
          input: fc.record({
            id: id([...f.ownApplications, ...f.otherApplications]),
            invoices: list(invoice(fc.constantFrom('SYN-CC-2026-016', 'SYN-CC-2026-019')), 500),
          }),
        }),
      }),
    runs: 100,
  },
  {
    name: 'recordPayment',
    query: `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constant('regulator'),
        variables: fc.record({
          input: fc.record({
            id: id([...f.ownApplications, ...f.otherApplications]),
            amount: mostly(money, decimal),
            reference: mostly(fc.constant('TREASURY-FUZZ-1'), text),
            justification,
          }),
        }),
      }),
    runs: 100,
  },
  {
    name: 'clawBackSubsidy',
    query: `mutation ($input: ClawBackInput!) { clawBackSubsidy(input: $input) { id state } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constant('regulator'),
        variables: fc.record({
          input: fc.record({
            id: id([...f.ownApplications, ...f.otherApplications]),
            amount: mostly(money, decimal),
            justification,
          }),
        }),
      }),
    runs: 100,
  },
  {
    name: 'openReportingWindow',
    query: `mutation ($input: OpenReportingWindowInput!) { openReportingWindow(input: $input) { id } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constant('regulator'),
        variables: fc.record({
          input: fc.record(
            {
              period,
              hospitalId: fc.option(mostly(fc.constantFrom(...f.hospitalIds), text)),
              regionCode: fc.option(mostly(fc.constantFrom('110000', '100000', '310000', '999999'), text)),
              openUntil: dateTime,
              reason: mostly(fc.constant('Fuzzed reason for reopening'), text),
            },
            { requiredKeys: ['period', 'openUntil', 'reason'] },
          ),
        }),
      }),
    runs: 100,
  },
  {
    name: 'submitAdoptionReports',
    query: `mutation ($input: SubmitAdoptionReportsInput!) { submitAdoptionReports(input: $input) { applied dryRun rowsRead rejected } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom('hospital', 'regulator'),
        variables: fc.record({
          input: fc.record({
            dryRun: fc.boolean(),
            allOrNothing: fc.boolean(),
            reports: list(
              fc.record(
                {
                  hospitalId: fc.option(mostly(fc.constantFrom(f.ownHospital, ...f.hospitalIds), text)),
                  regionCode: fc.option(mostly(fc.constantFrom('110000', '100000', '999999'), text)),
                  indicatorCode: mostly(fc.constantFrom(...f.indicatorCodes), text),
                  period: mostly(fc.constantFrom('2025-12', '2026-01'), period),
                  value: fc.option(mostly(fc.constantFrom('1', '0', '是', '否', '42.5'), decimal)),
                  numerator: fc.option(decimal),
                  denominator: fc.option(decimal),
                },
                { requiredKeys: ['indicatorCode', 'period'] },
              ),
              10_000,
            ),
          }),
        }),
      }),
    runs: 80,
  },
  {
    name: 'runComplianceScoring',
    query: `mutation ($period: Period!, $cutoff: DateTime) { runComplianceScoring(period: $period, cutoff: $cutoff) { id } }`,
    valid: () =>
      fc.record({
        caller: fc.constantFrom('regulator', 'admin'),
        variables: fc.record({ period, cutoff: fc.option(dateTime) }),
      }),
    runs: 40,
  },
  {
    name: 'generateReport',
    query: `mutation ($kind: ReportKind!, $period: Period!, $language: ReportLanguage) { generateReport(kind: $kind, period: $period, language: $language) { id } }`,
    valid: (f) =>
      fc.record({
        caller: fc.constantFrom('regulator', 'admin'),
        variables: fc.record({
          kind: fc.constantFrom('NATIONAL_MONTHLY', 'BEIJING_SUBSIDY_MONTHLY'),
          period: fc.oneof(fc.constant(f.scoredPeriod), period),
          language: fc.option(fc.constantFrom('EN', 'ZH_CN')),
        }),
      }),
    runs: 25,
  },
];

// ---- the test -------------------------------------------------------------------------------------------------

/** The fuzz's own database: reference data, the demo companies and accounts, and the demo applications. */
async function fuzzDatabase(): Promise<string> {
  const url = await createScratchDatabase('fuzz', { reference: true });
  await withDataSource(url, async (ds) => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const companies = new Map<string, string>();
    for (const c of DEMO_COMPANIES) {
      const [row] = await ds.query(
        `INSERT INTO company (uscc, name_zh, name_en, region_code, synthetic) VALUES ($1, $2, $3, $4, true) RETURNING id`,
        [c.uscc, c.nameZh, c.nameEn, c.regionCode],
      );
      companies.set(c.key, row.id);
    }
    await ds.query(
      `INSERT INTO company_affiliation (company_id, affiliated_uscc, affiliated_name, relation) VALUES ($1, $2, $3, 'SUBSIDIARY')`,
      [companies.get('company-a'), DEMO_PROVIDERS.affiliateOfA.uscc, DEMO_PROVIDERS.affiliateOfA.name],
    );
    for (const a of DEMO_ACCOUNTS) {
      await ds.query(
        `INSERT INTO app_user (email, role, display_name, hospital_id, company_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          a.email,
          a.role,
          a.displayName,
          a.hospitalId ?? null,
          a.companyKey ? companies.get(a.companyKey) : null,
          passwordHash,
        ],
      );
    }
    await seedDemoApplications(ds);
  });
  return url;
}

describe('fuzzing every mutation input (fast-check, real HTTP)', () => {
  let app: RunningApp;
  let fixtures: Fixtures;
  const tokens: Record<string, string | undefined> = {};
  const sql = async (query: string, params: unknown[] = []) =>
    (await ownerDataSource(app)).query(query, params);
  const fingerprint = async () => (await sql(FINGERPRINT))[0];

  beforeAll(async () => {
    app = await startTestApp({
      DATABASE_URL: await fuzzDatabase(),
      // Enough failed sign-ins that most fuzzed logins reach the password check before the throttle answers.
      LOGIN_MAX_FAILURES: '20',
    });
    for (const account of ['regulator', 'admin', 'hospital', ...COMPANIES]) {
      tokens[account] = await login(app, `${account}@yardstick.test`);
    }
    const column = async (query: string, params: unknown[] = []) =>
      (await sql(query, params)).map((r: { v: string }) => r.v);
    const companyApplications = (email: string, own: boolean) =>
      column(
        `SELECT a.id AS v FROM subsidy_application a
          WHERE (a.company_id = (SELECT company_id FROM app_user WHERE email = $1)) = $2 ORDER BY a.created_at, a.id`,
        [email, own],
      );
    // One month scored before the fuzz, so that generateReport can get as far as rendering.
    const scoredPeriod = '2025-12';
    const scored = await gql(
      app,
      `mutation { runComplianceScoring(period: "${scoredPeriod}") { id } }`,
      {},
      tokens.regulator,
    );
    expect(scored.errors).toBeUndefined();
    fixtures = {
      programCodes: await column(`SELECT code AS v FROM subsidy_program ORDER BY code`),
      ownApplications: await companyApplications('company-a@yardstick.test', true),
      otherApplications: await companyApplications('company-a@yardstick.test', false),
      hospitalIds: await column(`SELECT id AS v FROM hospital ORDER BY id LIMIT 3`),
      ownHospital: (
        await column(`SELECT hospital_id AS v FROM app_user WHERE email = 'hospital@yardstick.test'`)
      )[0],
      indicatorCodes: await column(`SELECT code AS v FROM indicator ORDER BY code`),
      scoredPeriod,
      usccs: [...DEMO_PROVIDERS.independent.map((p) => p.uscc), DEMO_PROVIDERS.affiliateOfA.uscc],
    };
    expect(fixtures.ownApplications.length).toBeGreaterThan(5);
    expect(fixtures.otherApplications.length).toBeGreaterThan(5);
  }, 300_000);
  afterAll(() => app?.close());

  /**
   * Sends one case and checks the property; returns whether the request got past GraphQL's coercion of the
   * variables (so that a family of inputs that never reaches a resolver is noticed).
   */
  async function check(mutation: Mutation, c: Case, unnamed: string[]): Promise<boolean> {
    const before = await fingerprint();
    const token = tokens[c.caller];
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: mutation.query, variables: c.variables }),
    });
    const body = (await response.json()) as Record<string, any>;
    const shown = () => JSON.stringify({ caller: c.caller, variables: c.variables }).slice(0, 1500);
    const unchanged = async (refusal: unknown) => {
      const after = await fingerprint();
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      if (changed.length) {
        throw new Error(
          `${mutation.name} refused (${JSON.stringify(refusal).slice(0, 500)}) but changed ${changed.join(', ')}: ${shown()}`,
        );
      }
    };
    if (!('data' in body) && !('errors' in body)) {
      // Refused before GraphQL (the body limit): a REST-shaped answer, coded all the same.
      if (!CLIENT_CODES.has(body.code)) {
        throw new Error(
          `${mutation.name} answered HTTP ${response.status} ${JSON.stringify(body)} to ${shown()}`,
        );
      }
      await unchanged(body);
      return false;
    }
    const result = body as GraphqlResponse;
    if (!result.errors?.length) {
      if (!result.data?.[mutation.name]) throw new Error(`no data and no errors for ${shown()}`);
      // An intake that applied nothing (a dry run, or every row refused all-or-nothing) changed nothing either.
      if (mutation.name === 'submitAdoptionReports' && !result.data[mutation.name].applied) {
        await unchanged(result.data);
      }
      return true;
    }
    for (const error of result.errors) {
      const code = error.extensions?.code;
      if (typeof code !== 'string' || !CLIENT_CODES.has(code)) {
        throw new Error(
          `${mutation.name} answered HTTP ${response.status} ${JSON.stringify(error)} to ${shown()}`,
        );
      }
      if (
        code === 'BAD_USER_INPUT' &&
        !(typeof error.extensions.field === 'string' && error.extensions.field)
      ) {
        unnamed.push(error.message.slice(0, 300));
      }
    }
    await unchanged(result.errors);
    return !result.errors.every((e) => e.message.startsWith('Variable "$'));
  }

  describe.each(MUTATIONS.map((m) => [m.name, m] as const))('%s', (_name, mutation) => {
    it('answers every type-valid input with data or coded client errors, and a refusal changes nothing', async () => {
      const unnamed: string[] = [];
      let reached = 0;
      await fc.assert(
        fc.asyncProperty(mutation.valid(fixtures), async (c) => {
          if (await check(mutation, c, unnamed)) reached++;
        }),
        { numRuns: mutation.runs, endOnFailure: true },
      );
      // The generators are useful only if requests get past the variables' coercion to the resolver.
      expect(reached).toBeGreaterThan(0);
      // A BAD_USER_INPUT names the field at fault.
      expect([...new Set(unnamed)]).toEqual([]);
    }, 240_000);

    it('answers type-invalid variables with coded client errors and changes nothing', async () => {
      const unnamed: string[] = [];
      await fc.assert(
        fc.asyncProperty(corrupted(mutation.valid(fixtures)), async (c) => {
          await check(mutation, c, unnamed);
        }),
        { numRuns: Math.ceil(mutation.runs / 3), endOnFailure: true },
      );
      expect([...new Set(unnamed)]).toEqual([]);
    }, 240_000);
  });
});
