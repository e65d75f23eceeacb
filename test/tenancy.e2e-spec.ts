/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked field by field */
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { RunningApp } from '../src/bootstrap.js';
import { dataSourceOf, errorCodes, gql, login, ownerDataSource, startTestApp } from './helpers.js';

const COMPANY_TABLES = [
  'subsidy_application',
  'subsidy_ledger_entry',
  'company_affiliation',
  'compute_contract',
  'invoice',
  'application_document',
];
const PDF = Buffer.from('%PDF-1.4\n% tenancy test\n');

/**
 * Tenancy in depth: the guards and the services filter by company, and beneath them PostgreSQL's row-level
 * security does it again for the app's role. Both are attacked here: the database directly as the app's role, and
 * every route over HTTP by company-b, thousands of times, on company-a's objects.
 */
describe('tenancy in depth (real PostgreSQL, real HTTP)', () => {
  let app: RunningApp;
  let owner: DataSource;
  let companyB: string;
  let companyAId: string;
  let companyBId: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await ownerDataSource(app);
    companyB = await login(app, 'company-b@yardstick.test');
    const users = await owner.query(
      `SELECT email, company_id FROM app_user WHERE email IN ('company-a@yardstick.test', 'company-b@yardstick.test')`,
    );
    companyAId = users.find((u: any) => u.email.startsWith('company-a')).company_id;
    companyBId = users.find((u: any) => u.email.startsWith('company-b')).company_id;
  });
  afterAll(() => app.close());

  /** A fingerprint of everything company-a owns, read as the owner. */
  async function companyAFingerprint(): Promise<string> {
    const [row] = await owner.query(
      `SELECT md5(concat_ws('|',
         (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM subsidy_application a WHERE company_id = $1),
         (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM compute_contract c
           JOIN subsidy_application a ON a.id = c.application_id WHERE a.company_id = $1),
         (SELECT string_agg(i::text, ',' ORDER BY i.id) FROM invoice i
           JOIN subsidy_application a ON a.id = i.application_id WHERE a.company_id = $1),
         (SELECT string_agg(d.id::text, ',' ORDER BY d.id) FROM application_document d
           JOIN subsidy_application a ON a.id = d.application_id WHERE a.company_id = $1),
         (SELECT string_agg(e::text, ',' ORDER BY e.id) FROM subsidy_ledger_entry e WHERE company_id = $1),
         (SELECT count(*) FROM audit_event))) AS fingerprint`,
      [companyAId],
    );
    return row.fingerprint;
  }

  it('runs the app as a role that owns nothing, cannot bypass the policies and cannot rewrite history', async () => {
    const [who] = await dataSourceOf(app).query(`SELECT current_user AS role`);
    expect(who.role).toBe('yardstick_app');
    const [role] = await owner.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = 'yardstick_app'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    const owned = await owner.query(`SELECT tablename FROM pg_tables WHERE tableowner = 'yardstick_app'`);
    expect(owned).toEqual([]);
    const tables = await owner.query(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) ORDER BY relname`,
      [COMPANY_TABLES],
    );
    expect(tables).toHaveLength(COMPANY_TABLES.length);
    for (const t of tables) expect(t).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });

    const app_ = dataSourceOf(app);
    for (const table of ['audit_event', 'compliance_result', 'report', 'subsidy_ledger_entry']) {
      await expect(app_.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(/permission denied/);
    }
    await expect(app_.query(`ALTER TABLE audit_event DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
  });

  it('returns no company rows to a transaction that has not said whose they are', async () => {
    const app_ = dataSourceOf(app);
    for (const table of COMPANY_TABLES) {
      const [{ n: visible }] = await app_.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect(visible).toBe(0);
    }
    const [{ n: stored }] = await owner.query(`SELECT count(*)::int AS n FROM subsidy_application`);
    expect(stored).toBeGreaterThan(0);
  });

  it("shows a company only its own rows, and refuses to write a row in another company's name", async () => {
    const app_ = dataSourceOf(app);
    const seen = await app_.transaction(async (m) => {
      await m.query(`SELECT set_config('yardstick.tenant', $1, true)`, [companyAId]);
      return {
        companies: await m.query(`SELECT DISTINCT company_id FROM subsidy_application`),
        ledger: await m.query(`SELECT DISTINCT company_id FROM subsidy_ledger_entry`),
        lines: await m.query(
          `SELECT count(*)::int AS n FROM compute_contract c
             WHERE NOT EXISTS (SELECT 1 FROM subsidy_application a WHERE a.id = c.application_id)`,
        ),
      };
    });
    expect(seen.companies).toEqual([{ company_id: companyAId }]);
    expect(seen.ledger.every((r: any) => r.company_id === companyAId)).toBe(true);
    expect(seen.lines).toEqual([{ n: 0 }]);

    const [programme] = await owner.query(`SELECT code FROM subsidy_program LIMIT 1`);
    await expect(
      app_.transaction(async (m) => {
        await m.query(`SELECT set_config('yardstick.tenant', $1, true)`, [companyAId]);
        await m.query(
          `INSERT INTO subsidy_application (program_code, company_id, state, model_name, model_category,
             competitiveness_evidence) VALUES ($1, $2, 'DRAFT', 'm', 'MEDICAL_IMAGING', 'e')`,
          [programme.code, companyBId],
        );
      }),
    ).rejects.toThrow(/row-level security/);

    // The setting ends with its transaction: the pooled connection goes back to seeing nothing.
    const [{ n }] = await app_.query(`SELECT count(*)::int AS n FROM subsidy_application`);
    expect(n).toBe(0);
  });

  it("leaks none of company-a's objects to company-b in 2,000 random attempts by every route", async () => {
    const mine: { id: string; state: string }[] = await owner.query(
      `SELECT id, state FROM subsidy_application WHERE company_id = $1`,
      [companyAId],
    );
    expect(mine.length).toBeGreaterThan(3);
    const before = await companyAFingerprint();
    const secrets = new Set(mine.map((a) => a.id));

    type Attempt = (id: string) => Promise<{ codes: string[]; body: string }>;
    const viaGraphql =
      (query: string, variables: (id: string) => Record<string, unknown> = () => ({})): Attempt =>
      async (id) => {
        const result = await gql(app, query.replaceAll('$ID', id), variables(id), companyB);
        return { codes: errorCodes(result), body: JSON.stringify(result.data ?? null) };
      };
    const routes: Record<string, Attempt> = {
      read: viaGraphql(`{ subsidyApplication(id: "$ID") { id modelName contracts { amount } } }`),
      trail: viaGraphql(`{ auditTrail(entityId: "$ID") { seq after } }`),
      update: viaGraphql(
        `mutation ($i: UpdateSubsidyApplicationInput!) { updateSubsidyApplication(input: $i) { id } }`,
        (id) => ({
          i: {
            id,
            modelName: 'x',
            modelCategory: 'MEDICAL_IMAGING',
            competitivenessEvidence: 'x',
            contracts: [],
          },
        }),
      ),
      submit: viaGraphql(
        `mutation ($i: SubmitSubsidyApplicationInput!) { submitSubsidyApplication(input: $i) { id } }`,
        (id) => ({ i: { id } }),
      ),
      withdraw: viaGraphql(
        `mutation ($i: DecisionInput!) { withdrawSubsidyApplication(input: $i) { id } }`,
        (id) => ({ i: { id, justification: 'Probing another company application' } }),
      ),
      redeem: viaGraphql(
        `mutation ($i: SubmitRedemptionInput!) { submitRedemption(input: $i) { id } }`,
        (id) => ({ i: { id, invoices: [] } }),
      ),
      list: async (id) => {
        const result = await gql(
          app,
          `query ($c: ID) { subsidyApplications(first: 100, filter: { companyId: $c }) {
             totalCount edges { node { id companyId } } } }`,
          { c: companyAId },
          companyB,
        );
        const ids = result.data.subsidyApplications.edges.map((e: any) => e.node.id);
        return { codes: ids.includes(id) ? ['LEAKED'] : ['NOT_FOUND'], body: JSON.stringify(result.data) };
      },
      upload: async (id) => {
        const response = await fetch(`${app.url}/subsidy-applications/${id}/documents?kind=CONTRACT`, {
          method: 'POST',
          headers: { authorization: `Bearer ${companyB}`, 'content-type': 'application/pdf' },
          body: PDF,
        });
        const body = await response.text();
        return { codes: [response.status === 404 ? 'NOT_FOUND' : `HTTP_${response.status}`], body };
      },
    };

    let attempts = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(routes)),
        fc.constantFrom(...mine.map((a) => a.id)),
        async (route, id) => {
          attempts++;
          const { codes, body } = await routes[route](id);
          expect(codes).toEqual(['NOT_FOUND']);
          // The id probed may be echoed back ("… not found"); no other of company-a's ids, nor its company, may appear.
          for (const secret of secrets) if (secret !== id) expect(body).not.toContain(secret);
          expect(body).not.toContain(companyAId);
        },
      ),
      { numRuns: 2000 },
    );
    expect(attempts).toBe(2000);
    expect(await companyAFingerprint()).toBe(before);
  }, 300_000);
});
