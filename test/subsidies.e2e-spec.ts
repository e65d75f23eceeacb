/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are checked field by field */
import { randomUUID } from 'node:crypto';
import type { RunningApp } from '../src/bootstrap.js';
import { verifyAuditChain } from '../src/common/audit.js';
import { usccCheckCharacter } from '../src/subsidies/uscc.js';
import { errorCodes, gql, login, ownerDataSource, startTestApp } from './helpers.js';

const uscc = (body: string) => body + usccCheckCharacter(body);
const PROVIDER = { providerName: 'Test Compute Provider', providerUscc: uscc('91110105MA01Y7TT0') };
const AFFILIATE_OF_A = uscc('91110108MA01Y7FF0');
const PDF = Buffer.from('%PDF-1.4\n% test document\n%%EOF\n');

const APPLICATION = `id state requestedAmount approvedAmount paidAmount clawedBackAmount ruleVersionId budgetYear
  eligibility { eligible amount limitedBy checks { code passed reason } }`;

describe('compute subsidies', () => {
  let app: RunningApp;
  let regulator: string;
  let companyA: string;
  let companyB: string;
  let companyD: string;
  let sequence = 0;
  const sql = async (query: string, params: unknown[] = []) =>
    (await ownerDataSource(app)).query(query, params);

  beforeAll(async () => {
    app = await startTestApp();
    [regulator, companyA, companyB, companyD] = await Promise.all(
      ['regulator', 'company-a', 'company-b', 'company-d'].map((name) =>
        login(app, `${name}@yardstick.test`),
      ),
    );
    // Programmes of this file only: small pools and caps make the edges reachable.
    for (const [code, pool, cap, claimCap] of [
      ['TEST-POOL-5', '500000.00', null, null],
      ['TEST-EDGES', '1000000.00', '400000.00', '150000.00'],
    ]) {
      await sql(
        `INSERT INTO subsidy_program (code, name_zh, name_en, issuer_en, region_code, window_start, window_end,
           authority_level, confidence, source)
         VALUES ($1, '测试', $1, 'Test', '110000', '2026-01-01', '2027-12-31', 'MUNICIPAL_GOVERNMENT', 'UNVERIFIED', 'test')
         ON CONFLICT DO NOTHING`,
        [code],
      );
      await sql(
        `INSERT INTO subsidy_rule_version (program_code, effective_from, rate, per_claim_cap, company_cap, company_cap_period,
           yearly_pool, eligible_cost_types, required_documents, source, confidence)
         VALUES ($1, '2026-01-01', 0.5, $4, $3, 'YEAR', $2, '{COMPUTE_RENTAL}', '{}', 'test', 'UNVERIFIED')
         ON CONFLICT DO NOTHING`,
        [code, pool, cap, claimCap],
      );
    }
  });
  afterAll(() => app.close());

  async function create(
    token: string,
    programCode: string,
    amount = '200000.00',
    extra: Record<string, unknown> = {},
  ) {
    const contractNumber = `T-${Date.now()}-${++sequence}`;
    const result = await gql(
      app,
      `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { ${APPLICATION} } }`,
      {
        input: {
          programCode,
          modelName: 'Test imaging model',
          modelCategory: 'MEDICAL_IMAGING',
          competitivenessEvidence: 'Test evidence',
          contracts: [
            {
              ...PROVIDER,
              contractNumber,
              costType: 'COMPUTE_RENTAL',
              startDate: '2026-02-01',
              endDate: '2026-11-30',
              amount,
            },
          ],
          ...extra,
        },
      },
      token,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return { id: result.data.createSubsidyApplication.id as string, contractNumber };
  }
  const submit = (token: string, id: string, idempotencyKey?: string) =>
    gql(
      app,
      `mutation ($input: SubmitSubsidyApplicationInput!) { submitSubsidyApplication(input: $input) { ${APPLICATION} } }`,
      { input: { id, idempotencyKey } },
      token,
    );
  const review = (id: string, decision: string, token = regulator) =>
    gql(
      app,
      `mutation ($input: ReviewSubsidyApplicationInput!) { reviewSubsidyApplication(input: $input) { ${APPLICATION} } }`,
      { input: { id, decision, justification: `Test decision: ${decision}` } },
      token,
    );
  async function toReview(token: string, programCode: string, amount?: string) {
    const { id } = await create(token, programCode, amount);
    expect((await submit(token, id)).errors).toBeUndefined();
    expect((await review(id, 'START_REVIEW')).errors).toBeUndefined();
    return id;
  }

  it('computes amounts on submission with the rule in force, exactly, and hits a cap exactly', async () => {
    const { id } = await create(companyA, 'TEST-EDGES', '300000.00');
    const submitted = (await submit(companyA, id)).data.submitSubsidyApplication;
    // 0.5 x 300000.00 = 150000.00 = the per-claim cap, to the fen
    expect(submitted).toMatchObject({ state: 'SUBMITTED', requestedAmount: '150000.00' });
    const odd = await create(companyA, 'TEST-EDGES', '0.07');
    expect((await submit(companyA, odd.id)).data.submitSubsidyApplication.requestedAmount).toBe('0.03');
  });

  it('keeps the rule of the submission date when a new version starts the day after', async () => {
    const { id } = await create(companyA, 'TEST-EDGES', '100000.00');
    const before = (await submit(companyA, id)).data.submitSubsidyApplication;
    expect(before.requestedAmount).toBe('50000.00');
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    const added = await gql(
      app,
      `mutation ($input: AddRuleVersionInput!) { addSubsidyRuleVersion(input: $input) { id effectiveFrom rate } }`,
      {
        input: {
          programCode: 'TEST-EDGES',
          effectiveFrom: tomorrow,
          rate: '0.1',
          companyCapPeriod: 'YEAR',
          eligibleCostTypes: ['COMPUTE_RENTAL'],
          requiredDocuments: [],
          source: 'test: a lower rate from tomorrow',
          confidence: 'UNVERIFIED',
        },
      },
      regulator,
    );
    expect(added.data.addSubsidyRuleVersion).toMatchObject({ effectiveFrom: tomorrow, rate: '0.100000' });
    const retro = await gql(
      app,
      `mutation ($input: AddRuleVersionInput!) { addSubsidyRuleVersion(input: $input) { id } }`,
      {
        input: {
          programCode: 'TEST-EDGES',
          effectiveFrom: '2026-01-02',
          rate: '0.9',
          companyCapPeriod: 'YEAR',
          eligibleCostTypes: ['COMPUTE_RENTAL'],
          requiredDocuments: [],
          source: 'test: retroactive',
          confidence: 'UNVERIFIED',
        },
      },
      regulator,
    );
    expect(retro.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    await review(id, 'START_REVIEW');
    const approved = (await review(id, 'APPROVE')).data.reviewSubsidyApplication;
    expect(approved).toMatchObject({
      state: 'APPROVED',
      approvedAmount: '50000.00',
      ruleVersionId: before.ruleVersionId,
    });
  });

  it('approves 5 of 20 simultaneous approvals against a pool that fits 5, never more', async () => {
    const companies = [companyA, companyB];
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await toReview(companies[i % 2], 'TEST-POOL-5', '200000.00'));
    const results = await Promise.all(ids.map((id) => review(id, 'APPROVE')));
    const approved = results.filter((r) => r.data?.reviewSubsidyApplication?.state === 'APPROVED');
    expect(approved).toHaveLength(5);
    expect(results.filter((r) => errorCodes(r)[0] === 'POOL_EXHAUSTED')).toHaveLength(15);
    const [{ committed }] = await sql(
      `SELECT sum(amount)::text AS committed FROM subsidy_ledger_entry WHERE program_code = 'TEST-POOL-5' AND kind = 'RESERVED'`,
    );
    expect(committed).toBe('500000.00');
    const states = await sql(
      `SELECT state, count(*)::int AS n FROM subsidy_application WHERE id = ANY($1) GROUP BY state`,
      [ids],
    );
    expect(Object.fromEntries(states.map((s: any) => [s.state, s.n]))).toEqual({
      APPROVED: 5,
      UNDER_REVIEW: 15,
    });
  });

  it('allows only the listed transitions, refusing the others with CONFLICT and the current state', async () => {
    const company = async (id: string) =>
      (
        await sql(
          `SELECT u.email FROM subsidy_application a JOIN app_user u ON u.company_id = a.company_id WHERE a.id = $1`,
          [id],
        )
      )[0].email;
    const tokens = new Map<string, string>();
    const tokenOf = async (id: string) => {
      const email = await company(id);
      if (!tokens.has(email)) tokens.set(email, await login(app, email));
      return tokens.get(email)!;
    };
    const actions: Record<string, (id: string) => Promise<any>> = {
      SUBMIT: async (id) => submit(await tokenOf(id), id),
      WITHDRAW: async (id) =>
        gql(
          app,
          `mutation ($id: ID!) { withdrawSubsidyApplication(input: { id: $id, justification: "test withdrawal" }) { state } }`,
          { id },
          await tokenOf(id),
        ),
      START_REVIEW: (id) => review(id, 'START_REVIEW'),
      APPROVE: (id) => review(id, 'APPROVE'),
      REJECT: (id) => review(id, 'REJECT'),
      SUBMIT_REDEMPTION: async (id) =>
        gql(
          app,
          `mutation ($id: ID!) { submitRedemption(input: { id: $id }) { state } }`,
          { id },
          await tokenOf(id),
        ),
      RECORD_PAYMENT: (id) =>
        gql(
          app,
          `mutation ($id: ID!) { recordPayment(input: { id: $id, amount: "1.00", reference: "T", justification: "test payment" }) { state } }`,
          { id },
          regulator,
        ),
      CLAW_BACK: (id) =>
        gql(
          app,
          `mutation ($id: ID!) { clawBackSubsidy(input: { id: $id, amount: "1.00", justification: "test claw-back" }) { state } }`,
          { id },
          regulator,
        ),
    };
    const allowed: Record<string, string[]> = {
      DRAFT: ['SUBMIT', 'WITHDRAW'],
      SUBMITTED: ['WITHDRAW', 'START_REVIEW'],
      UNDER_REVIEW: ['APPROVE', 'REJECT'],
      APPROVED: ['SUBMIT_REDEMPTION'],
      REJECTED: [],
      WITHDRAWN: [],
      REDEMPTION_SUBMITTED: ['RECORD_PAYMENT'],
      PAID: ['CLAW_BACK'],
      CLAWED_BACK: [],
    };
    let refused = 0;
    for (const [state, ok] of Object.entries(allowed)) {
      const [{ id }] = await sql(
        `SELECT id FROM subsidy_application WHERE synthetic AND state = $1 LIMIT 1`,
        [state],
      );
      for (const [action, run] of Object.entries(actions)) {
        if (ok.includes(action)) continue;
        const result = await run(id);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', state });
        refused++;
      }
      const [after] = await sql(`SELECT state FROM subsidy_application WHERE id = $1`, [id]);
      expect(after.state).toBe(state);
    }
    expect(refused).toBe(9 * 8 - 9);

    // and each allowed one, walked on fresh applications
    const draft = await create(companyA, 'TEST-EDGES', '1000.00');
    expect((await actions.WITHDRAW(draft.id)).data.withdrawSubsidyApplication.state).toBe('WITHDRAWN');
    const rejected = await toReview(companyA, 'TEST-EDGES', '1000.00');
    expect((await review(rejected, 'REJECT')).data.reviewSubsidyApplication.state).toBe('REJECTED');
    const paid = await toReview(companyA, 'TEST-EDGES', '1000.00');
    expect((await review(paid, 'APPROVE')).data.reviewSubsidyApplication.state).toBe('APPROVED');
    for (const kind of ['INVOICE', 'DELIVERY_PROOF']) {
      const upload = await fetch(`${app.url}/subsidy-applications/${paid}/documents?kind=${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${companyA}`, 'content-type': 'application/pdf' },
        body: PDF,
      });
      expect(upload.status).toBe(201);
    }
    const [{ contract_number }] = await sql(
      `SELECT contract_number FROM compute_contract WHERE application_id = $1`,
      [paid],
    );
    const redeemed = await gql(
      app,
      `mutation ($input: SubmitRedemptionInput!) { submitRedemption(input: $input) { state } }`,
      {
        input: {
          id: paid,
          invoices: [
            {
              contractNumber: contract_number,
              invoiceNumber: `INV-${paid.slice(0, 8)}`,
              issuedOn: '2026-06-30',
              amount: '1000.00',
            },
          ],
        },
      },
      companyA,
    );
    expect(redeemed.data.submitRedemption.state).toBe('REDEMPTION_SUBMITTED');
    const payment = await gql(
      app,
      `mutation ($id: ID!) { recordPayment(input: { id: $id, amount: "400.00", reference: "TRX-1", justification: "delivery verified" }) { state paidAmount approvedAmount } }`,
      { id: paid },
      regulator,
    );
    expect(payment.data.recordPayment).toEqual({
      state: 'PAID',
      paidAmount: '400.00',
      approvedAmount: '500.00',
    });
    const claw = await actions.CLAW_BACK(paid);
    expect(claw.data.clawBackSubsidy.state).toBe('CLAWED_BACK');
    const ledger = await sql(
      `SELECT kind, amount::text FROM subsidy_ledger_entry WHERE application_id = $1 ORDER BY id`,
      [paid],
    );
    expect(ledger).toEqual([
      { kind: 'RESERVED', amount: '500.00' },
      { kind: 'PAID', amount: '400.00' },
      { kind: 'RELEASED', amount: '100.00' },
      { kind: 'CLAWED_BACK', amount: '1.00' },
    ]);
  });

  it('refuses submission with the failed checks: affiliated provider, region, stacking across programmes', async () => {
    const affiliated = await create(companyA, 'TEST-EDGES', '1000.00', {
      contracts: [
        {
          providerName: 'Affiliate',
          providerUscc: AFFILIATE_OF_A,
          contractNumber: `AFF-${randomUUID().slice(0, 8)}`,
          costType: 'COMPUTE_RENTAL',
          startDate: '2026-02-01',
          endDate: '2026-03-01',
          amount: '1000.00',
        },
      ],
    });
    const refusal = await submit(companyA, affiliated.id);
    expect(refusal.errors![0].extensions.code).toBe('NOT_ELIGIBLE');
    expect((refusal.errors![0].extensions.failed as any[]).map((f) => f.code)).toEqual([
      'PROVIDER_NOT_AFFILIATED',
    ]);

    const shanghai = await create(companyD, 'TEST-EDGES', '1000.00');
    const outside = await submit(companyD, shanghai.id);
    expect((outside.errors![0].extensions.failed as any[]).map((f) => f.code)).toEqual([
      'REGISTERED_IN_PROGRAM_REGION',
    ]);

    const first = await create(companyA, 'TEST-EDGES', '1000.00');
    expect((await submit(companyA, first.id)).errors).toBeUndefined();
    const second = await create(companyB, 'TEST-POOL-5', '1000.00', {
      contracts: [
        {
          ...PROVIDER,
          contractNumber: first.contractNumber,
          costType: 'COMPUTE_RENTAL',
          startDate: '2026-02-01',
          endDate: '2026-03-01',
          amount: '1000.00',
        },
      ],
    });
    const stacked = await submit(companyB, second.id);
    const failed = stacked.errors![0].extensions.failed as any[];
    expect(failed.map((f) => f.code)).toEqual(['NOT_ALREADY_SUBSIDISED']);
    expect(failed[0].reason).toContain(first.contractNumber);
    const [{ state }] = await sql(`SELECT state FROM subsidy_application WHERE id = $1`, [second.id]);
    expect(state).toBe('DRAFT');
  });

  it('creates one application for a key retried 100 times at once, and refuses the key for another payload', async () => {
    const key = `retry-${randomUUID()}`;
    const input = {
      programCode: 'TEST-EDGES',
      modelName: 'Idempotent model',
      modelCategory: 'MEDICAL_IMAGING',
      competitivenessEvidence: 'Test',
      contracts: [
        {
          ...PROVIDER,
          contractNumber: `IDEM-${key.slice(-8)}`,
          costType: 'COMPUTE_RENTAL',
          startDate: '2026-02-01',
          endDate: '2026-03-01',
          amount: '1000.00',
        },
      ],
      idempotencyKey: key,
    };
    const mutation = `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { id } }`;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => gql(app, mutation, { input }, companyA)),
    );
    const ids = new Set(results.map((r) => r.data?.createSubsidyApplication?.id));
    expect(ids.size).toBe(1);
    const [{ n }] = await sql(
      `SELECT count(*)::int AS n FROM subsidy_application WHERE model_name = 'Idempotent model' AND id = ANY($1)`,
      [[...ids]],
    );
    expect(n).toBe(1);
    const reused = await gql(app, mutation, { input: { ...input, modelName: 'Something else' } }, companyA);
    expect(reused.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it("keeps company-a's application from company-b by every route", async () => {
    const { id } = await create(companyA, 'TEST-EDGES', '1000.00');
    const before = await sql(`SELECT * FROM subsidy_application WHERE id = $1`, [id]);
    const reads = [`{ subsidyApplication(id: "${id}") { id } }`, `{ auditTrail(entityId: "${id}") { seq } }`];
    for (const query of reads) expect(errorCodes(await gql(app, query, {}, companyB))).toEqual(['NOT_FOUND']);
    const list = await gql(
      app,
      `{ subsidyApplications(first: 100) { edges { node { id companyId } } } }`,
      {},
      companyB,
    );
    expect(list.data.subsidyApplications.edges.map((e: any) => e.node.id)).not.toContain(id);
    const [{ company_id: bId }] = await sql(
      `SELECT company_id FROM app_user WHERE email = 'company-b@yardstick.test'`,
    );
    for (const edge of list.data.subsidyApplications.edges) expect(edge.node.companyId).toBe(bId);
    const filtered = await gql(
      app,
      `{ subsidyApplications(filter: { companyId: "${before[0].company_id}" }) { totalCount } }`,
      {},
      companyB,
    );
    expect(filtered.data.subsidyApplications.totalCount).toBe(0);

    const writes: [string, Record<string, unknown>][] = [
      [
        `mutation ($i: UpdateSubsidyApplicationInput!) { updateSubsidyApplication(input: $i) { id } }`,
        {
          i: {
            id,
            modelName: 'x',
            modelCategory: 'MEDICAL_IMAGING',
            competitivenessEvidence: 'x',
            contracts: [],
          },
        },
      ],
      [
        `mutation ($i: SubmitSubsidyApplicationInput!) { submitSubsidyApplication(input: $i) { id } }`,
        { i: { id } },
      ],
      [
        `mutation ($i: DecisionInput!) { withdrawSubsidyApplication(input: $i) { id } }`,
        { i: { id, justification: 'not mine to withdraw' } },
      ],
      [`mutation ($i: SubmitRedemptionInput!) { submitRedemption(input: $i) { id } }`, { i: { id } }],
    ];
    for (const [mutation, variables] of writes) {
      expect(errorCodes(await gql(app, mutation, variables, companyB))).toEqual(['NOT_FOUND']);
    }
    const upload = await fetch(`${app.url}/subsidy-applications/${id}/documents?kind=CONTRACT`, {
      method: 'POST',
      headers: { authorization: `Bearer ${companyB}`, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(upload.status).toBe(404);
    expect(await sql(`SELECT * FROM subsidy_application WHERE id = $1`, [id])).toEqual(before);
    expect(
      errorCodes(
        await gql(
          app,
          `{ subsidyApplications { totalCount } }`,
          {},
          await login(app, 'hospital@yardstick.test'),
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('refuses a bad credit code, negative or float-looking amounts and an oversized file, changing nothing', async () => {
    const [{ n: before }] = await sql(`SELECT count(*)::int AS n FROM subsidy_application`);
    const bad = async (contract: Record<string, unknown>, field: string) => {
      const result = await gql(
        app,
        `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { id } }`,
        {
          input: {
            programCode: 'TEST-EDGES',
            modelName: 'm',
            modelCategory: 'MEDICAL_IMAGING',
            competitivenessEvidence: 'e',
            contracts: [
              {
                ...PROVIDER,
                contractNumber: 'BAD-1',
                costType: 'COMPUTE_RENTAL',
                startDate: '2026-02-01',
                endDate: '2026-03-01',
                amount: '10.00',
                ...contract,
              },
            ],
          },
        },
        companyA,
      );
      expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions.field).toBe(field);
    };
    await bad(
      { providerUscc: PROVIDER.providerUscc.slice(0, 17) + (PROVIDER.providerUscc[17] === '0' ? '1' : '0') },
      'contracts.0.providerUscc',
    );
    await bad({ amount: '-100.00' }, 'contracts.0.amount');
    await bad({ amount: '1e6' }, 'contracts.0.amount');
    await bad({ amount: '100.005' }, 'contracts.0.amount');
    const [{ n: after }] = await sql(`SELECT count(*)::int AS n FROM subsidy_application`);
    expect(after).toBe(before);

    const { id } = await create(companyA, 'TEST-EDGES', '1000.00');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const upload = await fetch(`${app.url}/subsidy-applications/${id}/documents?kind=CONTRACT`, {
      method: 'POST',
      headers: { authorization: `Bearer ${companyA}`, 'content-type': 'application/pdf' },
      body: big,
    });
    expect(upload.status).toBe(400);
    expect(await upload.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const notPdf = await fetch(`${app.url}/subsidy-applications/${id}/documents?kind=CONTRACT`, {
      method: 'POST',
      headers: { authorization: `Bearer ${companyA}`, 'content-type': 'application/pdf' },
      body: 'MZ not a pdf',
    });
    expect(await notPdf.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const [{ docs }] = await sql(
      `SELECT count(*)::int AS docs FROM application_document WHERE application_id = $1`,
      [id],
    );
    expect(docs).toBe(0);
  });

  it('chains every change in the audit trail, and finds a tampered event at its position', async () => {
    const { id } = await create(companyA, 'TEST-EDGES', '1000.00');
    await submit(companyA, id);
    const trail = await gql(
      app,
      `{ auditTrail(entityId: "${id}") { seq action actorId before after hash prevHash } }`,
      {},
      companyA,
    );
    expect(trail.data.auditTrail.map((e: any) => e.action)).toEqual(['CREATED', 'SUBMIT']);
    expect(trail.data.auditTrail[1].before.state).toBe('DRAFT');
    expect(trail.data.auditTrail[1].after.state).toBe('SUBMITTED');

    const ds = await ownerDataSource(app);
    expect((await verifyAuditChain(ds.manager)).ok).toBe(true);
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [{ seq }] = await runner.query(`SELECT seq FROM audit_event ORDER BY seq OFFSET 3 LIMIT 1`);
      // An attacker with database access, bypassing the append-only trigger:
      await runner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      await runner.query(
        `UPDATE audit_event SET payload = replace(payload, '"action":', '"action": ') WHERE seq = $1`,
        [seq],
      );
      const verdict = await verifyAuditChain(runner.manager);
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBroken).toEqual({
        seq: String(seq),
        reason: 'its content does not match its hash',
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await expect(sql(`UPDATE audit_event SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(ds.manager)).ok).toBe(true);
  });
});
