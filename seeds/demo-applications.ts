import type { DataSource } from 'typeorm';
import type { AuthUser } from '../src/auth/auth-user.js';
import { SubsidiesService } from '../src/subsidies/subsidies.service.js';
import type { ApplicationState } from '../src/subsidies/subsidy-rules.js';
import { DEMO_PROVIDERS } from './demo-accounts.js';
import { seededRandom } from './random.js';

/**
 * About 40 synthetic applications of four demo companies, spread over every state, made through the same
 * service the API uses (so amounts, ledger and audit trail are what the rules give). Runs once: it does
 * nothing when synthetic applications exist.
 */
export const DEMO_APPLICATION_PLAN: { state: ApplicationState; count: number }[] = [
  { state: 'DRAFT', count: 5 },
  { state: 'SUBMITTED', count: 5 },
  { state: 'UNDER_REVIEW', count: 5 },
  { state: 'APPROVED', count: 5 },
  { state: 'REJECTED', count: 4 },
  { state: 'WITHDRAWN', count: 4 },
  { state: 'REDEMPTION_SUBMITTED', count: 4 },
  { state: 'PAID', count: 4 },
  { state: 'CLAWED_BACK', count: 4 },
];
// A minimal PDF header: the documents of the demo are placeholders and say so in their names.
const PLACEHOLDER_PDF = Buffer.from('%PDF-1.4\n% synthetic demonstration document\n%%EOF\n');
const PROGRAMS = ['BJ-2025-MEDICAL-AI-COMPUTE', 'BJ-ETOWN-2024-COMPUTE'];
const CATEGORIES = [
  'MEDICAL_IMAGING',
  'CLINICAL_DECISION_SUPPORT',
  'MEDICAL_LARGE_MODEL',
  'DRUG_DISCOVERY',
] as const;
const MODELS = [
  'Lung nodule detector',
  'Sepsis early warning',
  'Oncology consultation model',
  'Pathology slide reader',
];
const ORDER: ApplicationState[] = [
  'DRAFT',
  'SUBMITTED',
  'UNDER_REVIEW',
  'APPROVED',
  'REDEMPTION_SUBMITTED',
  'PAID',
  'CLAWED_BACK',
];

async function user(ds: DataSource, email: string): Promise<AuthUser> {
  const [row] = await ds.query(
    `SELECT id, email, role, hospital_id AS "hospitalId", company_id AS "companyId" FROM app_user WHERE email = $1`,
    [email],
  );
  return row;
}

export async function seedDemoApplications(ds: DataSource): Promise<number> {
  const [{ exists }] = await ds.query(
    `SELECT EXISTS (SELECT 1 FROM subsidy_application WHERE synthetic) AS exists`,
  );
  if (exists) return 0;
  const service = new SubsidiesService(ds);
  const regulator = await user(ds, 'regulator@yardstick.test');
  const companies = await Promise.all(['a', 'b', 'c'].map((k) => user(ds, `company-${k}@yardstick.test`)));
  const random = seededRandom(20_251_124);
  let n = 0;
  const ids: string[] = [];
  for (const { state, count } of DEMO_APPLICATION_PLAN) {
    for (let i = 0; i < count; i++, n++) {
      const company = companies[n % companies.length];
      const provider = DEMO_PROVIDERS.independent[n % 2];
      const amount = (200_000 + Math.floor(random() * 40) * 50_000).toFixed(2);
      const contractNumber = `SYN-CC-2026-${String(n + 1).padStart(3, '0')}`;
      const application = await service.create(company, {
        programCode: PROGRAMS[n % PROGRAMS.length],
        modelName: `${MODELS[n % MODELS.length]} (synthetic)`,
        modelCategory: CATEGORIES[n % CATEGORIES.length],
        competitivenessEvidence:
          'Synthetic demonstration: benchmark results and deployments are placeholders.',
        contracts: [
          {
            providerName: provider.name,
            providerUscc: provider.uscc,
            contractNumber,
            costType: 'COMPUTE_RENTAL',
            startDate: '2026-01-01',
            endDate: '2026-12-31',
            amount,
          },
        ],
        invoices: [],
      });
      ids.push(application.id);
      for (const kind of ['CONTRACT', 'MODEL_EVIDENCE'] as const) {
        await service.addDocument(company, application.id, kind, {
          name: `${kind.toLowerCase()}-synthetic.pdf`,
          bytes: PLACEHOLDER_PDF,
        });
      }
      if (state === 'DRAFT') continue;
      if (state === 'WITHDRAWN') {
        if (i % 2) await service.submit(company, { id: application.id });
        await service.withdraw(company, {
          id: application.id,
          justification: 'Synthetic: the company withdrew the application.',
        });
        continue;
      }
      await service.submit(company, { id: application.id });
      if (state === 'SUBMITTED') continue;
      await service.review(regulator, {
        id: application.id,
        decision: 'START_REVIEW',
        justification: 'Synthetic: complete file, review opened.',
      });
      if (state === 'UNDER_REVIEW') continue;
      if (state === 'REJECTED') {
        await service.review(regulator, {
          id: application.id,
          decision: 'REJECT',
          justification: 'Synthetic: competitiveness evidence insufficient.',
        });
        continue;
      }
      await service.review(regulator, {
        id: application.id,
        decision: 'APPROVE',
        justification: 'Synthetic: eligible, amount per the rule in force.',
      });
      if (ORDER.indexOf(state) < ORDER.indexOf('REDEMPTION_SUBMITTED')) continue;
      for (const kind of ['INVOICE', 'DELIVERY_PROOF'] as const) {
        await service.addDocument(company, application.id, kind, {
          name: `${kind.toLowerCase()}-synthetic.pdf`,
          bytes: PLACEHOLDER_PDF,
        });
      }
      await service.submitRedemption(company, {
        id: application.id,
        invoices: [
          {
            contractNumber,
            invoiceNumber: `SYN-INV-${String(n + 1).padStart(3, '0')}`,
            issuedOn: '2026-06-30',
            amount,
          },
        ],
      });
      if (state === 'REDEMPTION_SUBMITTED') continue;
      const [row] = await ds.query(`SELECT approved_amount FROM subsidy_application WHERE id = $1`, [
        application.id,
      ]);
      await service.recordPayment(regulator, {
        id: application.id,
        amount: row.approved_amount,
        reference: `SYN-PAY-${n + 1}`,
        justification: 'Synthetic: delivery verified against invoices.',
      });
      if (state === 'PAID') continue;
      await service.clawBack(regulator, {
        id: application.id,
        amount: row.approved_amount,
        justification: 'Synthetic: audit found the compute was not delivered as invoiced.',
      });
    }
  }
  await ds.query(`UPDATE subsidy_application SET synthetic = true WHERE id = ANY($1)`, [ids]);
  return ids.length;
}
