import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/app-error.js';
import { appendAudit, toAuditEvent, type AuditEvent } from '../common/audit.js';
import { claimIdempotencyKey } from '../common/idempotency.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { requestLoader, type RequestContext } from '../common/request-context.js';
import { judgeEligibility, type EligibilityCheck } from './eligibility.js';
import type {
  AddRuleVersionInput,
  ApplicationDraftInput,
  ApplicationsArgs,
  ClawBackInput,
  CreateSubsidyApplicationInput,
  RecordPaymentInput,
  ReviewSubsidyApplicationInput,
  SubmitSubsidyApplicationInput,
  UpdateSubsidyApplicationInput,
  InvoiceInput,
  DecisionInput,
} from './subsidies.inputs.js';
import type {
  ApplicationDocument,
  ComputeContract,
  EligibilityReport,
  Invoice,
  ProgramLedger,
  SubsidyApplication,
  SubsidyProgram,
  SubsidyRuleVersion,
  DocumentKind,
} from './subsidies.model.js';
import { money, nextState, subsidyAmount, TRANSITIONS, type TransitionAction } from './subsidy-rules.js';
import { committedSql } from './ledger.sql.js';
import { ALL_COMPANIES, inTenant, NO_COMPANY, tenantOf } from '../database/tenancy.js';

const APPLICATION_COLUMNS = `a.id, a.program_code AS "programCode", a.company_id AS "companyId", a.state,
  a.model_name AS "modelName", a.model_category AS "modelCategory",
  a.competitiveness_evidence AS "competitivenessEvidence", a.rule_version_id AS "ruleVersionId",
  a.submitted_at AS "submittedAt", a.eligible_cost AS "eligibleCost", a.requested_amount AS "requestedAmount",
  a.approved_amount AS "approvedAmount", a.paid_amount AS "paidAmount", a.clawed_back_amount AS "clawedBackAmount",
  a.budget_year AS "budgetYear", a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.synthetic`;
const RULE_COLUMNS = `id, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", rate, per_claim_cap AS "perClaimCap",
  company_cap AS "companyCap", company_cap_period AS "companyCapPeriod", yearly_pool AS "yearlyPool",
  eligible_cost_types AS "eligibleCostTypes", required_documents AS "requiredDocuments", source, confidence,
  assumption, program_code AS "programCode"`;
const PROGRAM_COLUMNS = `code, name_zh AS "nameZh", name_en AS "nameEn", issuer_en AS "issuerEn", region_code AS "regionCode",
  to_char(window_start, 'YYYY-MM-DD') AS "windowStart", to_char(window_end, 'YYYY-MM-DD') AS "windowEnd",
  authority_level AS "authorityLevel", confidence, source`;
const BEIJING_TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

type Rule = SubsidyRuleVersion & { programCode: string };

/** Document rules: what a file may be, checked on its bytes, not on the name or the claimed type. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
const MAGIC: { mediaType: string; bytes: number[] }[] = [
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/**
 * Compute-subsidy applications: drafts, eligibility, amounts under caps and pool, review, redemption, payment
 * and claw-back. Every change runs in one transaction with its audit event; caps and pool hold under concurrent
 * approvals because approvals of a programme take that programme's row lock.
 */
@Injectable()
export class SubsidiesService {
  constructor(private readonly db: DataSource) {}

  // ---- programmes and rules ------------------------------------------------------------------------------

  programs(): Promise<SubsidyProgram[]> {
    return this.db.query(`SELECT ${PROGRAM_COLUMNS} FROM subsidy_program ORDER BY code`);
  }

  ruleVersions(context: RequestContext, programCode: string): Promise<SubsidyRuleVersion[] | null> {
    return requestLoader<string, SubsidyRuleVersion[]>(context, 'program.rules', async (codes) => {
      const rows: Rule[] = await this.db.query(
        `SELECT ${RULE_COLUMNS} FROM subsidy_rule_version WHERE program_code = ANY($1) ORDER BY effective_from`,
        [codes],
      );
      return codes.map((code) => rows.filter((r) => r.programCode === code));
    }).load(programCode);
  }

  /** Totals only, over every company (no company's rows leave the query), so companies may read them too. */
  async ledger(programCode: string): Promise<ProgramLedger[]> {
    return inTenant(this.db, ALL_COMPANIES, (m) =>
      m.query(
        `WITH years AS (SELECT DISTINCT budget_year FROM subsidy_ledger_entry WHERE program_code = $1
                      UNION SELECT extract(year FROM ${BEIJING_TODAY})::int)
       SELECT y.budget_year AS "budgetYear", r.yearly_pool AS pool,
              ${committedSql('e')} AS committed,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'PAID'), 0)::numeric(18,2) AS paid,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = 'CLAWED_BACK'), 0)::numeric(18,2) AS "clawedBack",
              (r.yearly_pool - ${committedSql('e')})::numeric(18,2) AS remaining
         FROM years y
         LEFT JOIN subsidy_ledger_entry e ON e.program_code = $1 AND e.budget_year = y.budget_year
         LEFT JOIN LATERAL (SELECT yearly_pool FROM subsidy_rule_version
                             WHERE program_code = $1 AND effective_from <= make_date(y.budget_year, 12, 31)
                             ORDER BY effective_from DESC LIMIT 1) r ON true
        GROUP BY y.budget_year, r.yearly_pool ORDER BY y.budget_year`,
        [programCode],
      ),
    );
  }

  /** A new version starts tomorrow at the earliest, so no decision already taken can change under it. */
  async addRuleVersion(user: AuthUser, input: AddRuleVersionInput): Promise<SubsidyRuleVersion> {
    return this.db.transaction(async (m) => {
      const [program] = await m.query(`SELECT code FROM subsidy_program WHERE code = $1`, [
        input.programCode,
      ]);
      if (!program) throw AppError.badInput('programCode', `no programme ${input.programCode}`);
      const [{ ok }] = await m.query(`SELECT $1::date > ${BEIJING_TODAY} AS ok`, [input.effectiveFrom]);
      if (!ok)
        throw AppError.badInput(
          'effectiveFrom',
          'must be after today (Beijing time): rules never apply to the past',
        );
      const [row] = await m.query(
        `INSERT INTO subsidy_rule_version (program_code, effective_from, rate, per_claim_cap, company_cap,
           company_cap_period, yearly_pool, eligible_cost_types, required_documents, source, confidence, assumption,
           created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (program_code, effective_from) DO NOTHING
         RETURNING ${RULE_COLUMNS}`,
        [
          input.programCode,
          input.effectiveFrom,
          input.rate,
          input.perClaimCap ?? null,
          input.companyCap ?? null,
          input.companyCapPeriod,
          input.yearlyPool ?? null,
          input.eligibleCostTypes,
          input.requiredDocuments,
          input.source,
          input.confidence,
          input.assumption ?? null,
          user.id,
        ],
      );
      if (!row)
        throw new AppError(
          'CONFLICT',
          `a rule version of ${input.programCode} already starts on ${input.effectiveFrom}`,
        );
      await appendAudit(m, {
        entityType: 'SubsidyRuleVersion',
        entityId: row.id,
        action: 'RULE_VERSION_ADDED',
        actorId: user.id,
        before: null,
        after: row,
      });
      return row;
    });
  }

  // ---- reading applications ------------------------------------------------------------------------------

  /**
   * A company sees only its own applications; anyone else's id reads as not found, by any route. Checked here and
   * again by PostgreSQL's row-level security (the transaction's tenant), so a query that forgot it still leaks nothing.
   */
  private companyFilter(user: AuthUser): string | null {
    const tenant = tenantOf(user);
    if (tenant === NO_COMPANY)
      throw AppError.forbidden('Only companies and regulators see subsidy applications');
    return tenant === ALL_COMPANIES ? null : tenant;
  }

  async get(user: AuthUser, id: string, manager?: EntityManager, lock = false): Promise<SubsidyApplication> {
    if (!manager) return inTenant(this.db, tenantOf(user), (m) => this.get(user, id, m, lock));
    const tenant = this.companyFilter(user);
    const [row] = await manager.query(
      `SELECT ${APPLICATION_COLUMNS} FROM subsidy_application a
        WHERE a.id = $1 AND ($2::uuid IS NULL OR a.company_id = $2) ${lock ? 'FOR UPDATE' : ''}`,
      [id, tenant],
    );
    if (!row) throw AppError.notFound('SubsidyApplication', id);
    return row;
  }

  async list(user: AuthUser, args: ApplicationsArgs): Promise<Connection<SubsidyApplication>> {
    const tenant = this.companyFilter(user);
    const filter = args.filter ?? {};
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (tenant) where.push(`a.company_id = ${param(tenant)}`);
    if (filter.companyId) where.push(`a.company_id = ${param(filter.companyId)}`);
    if (filter.state) where.push(`a.state = ${param(filter.state)}`);
    if (filter.programCode) where.push(`a.program_code = ${param(filter.programCode)}`);
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const cursor = decodeCursor(args.after, 2);
    if (cursor)
      where.push(`(a.created_at, a.id) < (${param(cursor[0])}::timestamptz, ${param(cursor[1])}::uuid)`);
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await inTenant(this.db, tenantOf(user), async (m) => [
      await m.query(
        `SELECT ${APPLICATION_COLUMNS} FROM subsidy_application a ${pageWhere}
          ORDER BY a.created_at DESC, a.id DESC LIMIT ${param(args.first + 1)}`,
        params,
      ),
      await m.query(`SELECT count(*)::int AS total FROM subsidy_application a ${countWhere}`, countParams),
    ]);
    return toConnection<SubsidyApplication, SubsidyApplication>(
      rows,
      args,
      total,
      (a) => [new Date(a.createdAt).toISOString(), a.id],
      (a) => a,
    );
  }

  contracts(context: RequestContext, applicationId: string): Promise<ComputeContract[] | null> {
    return requestLoader<string, ComputeContract[]>(context, 'application.contracts', async (ids) => {
      const rows: ComputeContract[] = await this.lines(context, (m) =>
        m.query(
          `SELECT id, application_id AS "applicationId", provider_name AS "providerName", provider_uscc AS "providerUscc",
                contract_number AS "contractNumber", cost_type AS "costType", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
                to_char(end_date, 'YYYY-MM-DD') AS "endDate", amount
           FROM compute_contract WHERE application_id = ANY($1) ORDER BY contract_number`,
          [ids],
        ),
      );
      return ids.map((id) => rows.filter((r) => r.applicationId === id));
    }).load(applicationId);
  }

  invoices(context: RequestContext, applicationId: string): Promise<Invoice[] | null> {
    return requestLoader<string, Invoice[]>(context, 'application.invoices', async (ids) => {
      const rows: Invoice[] = await this.lines(context, (m) =>
        m.query(
          `SELECT id, application_id AS "applicationId", contract_number AS "contractNumber",
                invoice_number AS "invoiceNumber", to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", amount
           FROM invoice WHERE application_id = ANY($1) ORDER BY invoice_number`,
          [ids],
        ),
      );
      return ids.map((id) => rows.filter((r) => r.applicationId === id));
    }).load(applicationId);
  }

  documents(context: RequestContext, applicationId: string): Promise<ApplicationDocument[] | null> {
    return requestLoader<string, ApplicationDocument[]>(context, 'application.documents', async (ids) => {
      const rows: ApplicationDocument[] = await this.lines(context, (m) =>
        m.query(
          `SELECT id, application_id AS "applicationId", kind, file_name AS "fileName", media_type AS "mediaType",
                size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
           FROM application_document WHERE application_id = ANY($1) ORDER BY uploaded_at, id`,
          [ids],
        ),
      );
      return ids.map((id) => rows.filter((r) => r.applicationId === id));
    }).load(applicationId);
  }

  /** An application's lines and documents, as the signed-in user may see them (they are fields of an application). */
  private lines<T>(context: RequestContext, read: (m: EntityManager) => Promise<T>): Promise<T> {
    const user = context.req.user;
    if (!user) throw AppError.unauthenticated();
    return inTenant(this.db, tenantOf(user), read);
  }

  async auditTrail(user: AuthUser, entityId: string): Promise<AuditEvent[]> {
    if (this.companyFilter(user)) await this.get(user, entityId); // a company reads only its own applications' trail
    const rows = await this.db.query(
      `SELECT seq, payload, prev_hash, hash FROM audit_event WHERE entity_id = $1 ORDER BY seq`,
      [entityId],
    );
    return rows.map(toAuditEvent);
  }

  // ---- drafting ------------------------------------------------------------------------------------------

  async create(user: AuthUser, input: CreateSubsidyApplicationInput): Promise<SubsidyApplication> {
    const companyId = this.ownCompany(user);
    const id = await inTenant(this.db, tenantOf(user), async (m) => {
      const { idempotencyKey, ...request } = input;
      const claim = idempotencyKey
        ? await claimIdempotencyKey(m, user.id, idempotencyKey, 'createSubsidyApplication', request)
        : null;
      if (claim?.replayOf) return claim.replayOf;
      const [program] = await m.query(`SELECT code FROM subsidy_program WHERE code = $1`, [
        input.programCode,
      ]);
      if (!program) throw AppError.badInput('programCode', `no programme ${input.programCode}`);
      checkDraft(input);
      const [{ id: created }] = await m.query(
        `INSERT INTO subsidy_application (program_code, company_id, state, model_name, model_category,
           competitiveness_evidence, created_by)
         VALUES ($1, $2, 'DRAFT', $3, $4, $5, $6) RETURNING id`,
        [
          input.programCode,
          companyId,
          input.modelName,
          input.modelCategory,
          input.competitivenessEvidence,
          user.id,
        ],
      );
      await this.writeLines(m, created, input);
      await appendAudit(m, {
        entityType: 'SubsidyApplication',
        entityId: created,
        action: 'CREATED',
        actorId: user.id,
        before: null,
        after: await this.snapshot(m, created),
      });
      await claim?.remember(created);
      return created;
    });
    return this.get(user, id);
  }

  /** The company's own figures, while a draft; regulators decide on figures, they never edit them. */
  async update(user: AuthUser, input: UpdateSubsidyApplicationInput): Promise<SubsidyApplication> {
    this.ownCompany(user);
    await inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.get(user, input.id, m, true);
      if (application.state !== 'DRAFT') {
        throw new AppError(
          'CONFLICT',
          `Only a draft can be edited; this application is ${application.state}`,
          {
            state: application.state,
          },
        );
      }
      checkDraft(input);
      const before = await this.snapshot(m, input.id);
      await m.query(
        `UPDATE subsidy_application SET model_name = $2, model_category = $3, competitiveness_evidence = $4,
                updated_at = now() WHERE id = $1`,
        [input.id, input.modelName, input.modelCategory, input.competitivenessEvidence],
      );
      await m.query(`DELETE FROM invoice WHERE application_id = $1`, [input.id]);
      await m.query(`DELETE FROM compute_contract WHERE application_id = $1`, [input.id]);
      await this.writeLines(m, input.id, input);
      await appendAudit(m, {
        entityType: 'SubsidyApplication',
        entityId: input.id,
        action: 'UPDATED',
        actorId: user.id,
        before,
        after: await this.snapshot(m, input.id),
      });
    });
    return this.get(user, input.id);
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  /** Eligibility and amounts are fixed on submission, with the rule version in force that day. */
  async submit(user: AuthUser, input: SubmitSubsidyApplicationInput): Promise<SubsidyApplication> {
    this.ownCompany(user);
    await inTenant(this.db, tenantOf(user), async (m) => {
      const claim = input.idempotencyKey
        ? await claimIdempotencyKey(m, user.id, input.idempotencyKey, 'submitSubsidyApplication', {
            id: input.id,
          })
        : null;
      if (claim?.replayOf) return;
      const application = await this.transitionable(m, user, input.id, 'SUBMIT');
      const [{ today }] = await m.query(`SELECT ${BEIJING_TODAY}::text AS today`);
      const report = await this.assess(m, application, today);
      if (!report.eligible) {
        throw new AppError(
          'NOT_ELIGIBLE',
          'The application fails eligibility checks; nothing was submitted',
          {
            failed: report.checks.filter((c) => !c.passed),
          },
        );
      }
      await m.query(
        `UPDATE subsidy_application SET state = 'SUBMITTED', submitted_at = now(), rule_version_id = $2,
                eligible_cost = $3, requested_amount = $4, budget_year = extract(year FROM ${BEIJING_TODAY})::int,
                updated_at = now()
          WHERE id = $1`,
        [input.id, report.ruleVersionId, report.eligibleCost, report.amount],
      );
      await this.audit(m, user, input.id, 'SUBMIT', application, undefined, { eligibility: report });
      await claim?.remember(input.id);
    });
    return this.get(user, input.id);
  }

  async withdraw(user: AuthUser, input: DecisionInput): Promise<SubsidyApplication> {
    this.ownCompany(user);
    await inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.transitionable(m, user, input.id, 'WITHDRAW');
      await m.query(`UPDATE subsidy_application SET state = 'WITHDRAWN', updated_at = now() WHERE id = $1`, [
        input.id,
      ]);
      await this.audit(m, user, input.id, 'WITHDRAW', application, input.justification);
    });
    return this.get(user, input.id);
  }

  async review(user: AuthUser, input: ReviewSubsidyApplicationInput): Promise<SubsidyApplication> {
    await inTenant(this.db, tenantOf(user), async (m) => {
      if (input.decision === 'APPROVE') {
        // Serialises approvals of one programme: the caps and the pool are read and reserved under this lock.
        await m.query(
          `SELECT 1 FROM subsidy_program WHERE code = (SELECT program_code FROM subsidy_application WHERE id = $1)
             FOR UPDATE`,
          [input.id],
        );
      }
      const application = await this.transitionable(m, user, input.id, input.decision);
      if (input.decision === 'APPROVE') {
        const rule = await this.ruleById(m, application.ruleVersionId!);
        const limits = await this.limits(m, application, rule);
        const result = subsidyAmount({ ...limits, eligibleCost: application.eligibleCost!, rate: rule.rate });
        const approved = Decimal.min(result.amount, application.requestedAmount!);
        if (approved.lessThanOrEqualTo(0)) {
          const code = result.limitedBy === 'POOL' ? 'POOL_EXHAUSTED' : 'COMPANY_CAP_EXHAUSTED';
          throw new AppError(
            code,
            `Nothing can be approved: ${result.limitedBy === 'POOL' ? 'the pool' : 'the company cap'} is used up`,
            {
              limitedBy: result.limitedBy,
            },
          );
        }
        await m.query(
          `UPDATE subsidy_application SET state = 'APPROVED', approved_amount = $2, updated_at = now() WHERE id = $1`,
          [input.id, approved.toFixed(2)],
        );
        await this.ledgerEntry(m, user, application, 'RESERVED', approved.toFixed(2), null);
      } else {
        const to = TRANSITIONS[input.decision].to;
        await m.query(`UPDATE subsidy_application SET state = $2, updated_at = now() WHERE id = $1`, [
          input.id,
          to,
        ]);
      }
      await this.audit(m, user, input.id, input.decision, application, input.justification);
    });
    return this.get(user, input.id);
  }

  /** After approval the company proves delivery: its invoices, and INVOICE and DELIVERY_PROOF documents. */
  async submitRedemption(
    user: AuthUser,
    input: { id: string; invoices: InvoiceInput[] },
  ): Promise<SubsidyApplication> {
    this.ownCompany(user);
    await inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.transitionable(m, user, input.id, 'SUBMIT_REDEMPTION');
      for (const invoice of input.invoices) await this.insertInvoice(m, input.id, invoice);
      const [{ invoices }] = await m.query(
        `SELECT count(*)::int AS invoices FROM invoice WHERE application_id = $1`,
        [input.id],
      );
      if (invoices === 0) throw AppError.badInput('invoices', 'redemption needs at least one invoice');
      const kinds: string[] = (
        await m.query(`SELECT DISTINCT kind FROM application_document WHERE application_id = $1`, [input.id])
      ).map((r: { kind: string }) => r.kind);
      const missing = ['INVOICE', 'DELIVERY_PROOF'].filter((k) => !kinds.includes(k));
      if (missing.length) {
        throw new AppError('MISSING_DOCUMENTS', `Upload ${missing.join(' and ')} before redemption`, {
          missing,
        });
      }
      const stacked = await this.stackedNumbers(m, input.id);
      if (stacked.length) {
        throw new AppError('NOT_ELIGIBLE', 'An invoice is already claimed by another application', {
          stacked,
        });
      }
      await m.query(
        `UPDATE subsidy_application SET state = 'REDEMPTION_SUBMITTED', updated_at = now() WHERE id = $1`,
        [input.id],
      );
      await this.audit(m, user, input.id, 'SUBMIT_REDEMPTION', application);
    });
    return this.get(user, input.id);
  }

  async recordPayment(user: AuthUser, input: RecordPaymentInput): Promise<SubsidyApplication> {
    await inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.transitionable(m, user, input.id, 'RECORD_PAYMENT');
      const amount = new Decimal(input.amount);
      if (amount.lessThanOrEqualTo(0) || amount.greaterThan(application.approvedAmount!)) {
        throw AppError.badInput(
          'amount',
          `must be above 0 and at most the approved ${application.approvedAmount}`,
        );
      }
      await m.query(
        `UPDATE subsidy_application SET state = 'PAID', paid_amount = $2, updated_at = now() WHERE id = $1`,
        [input.id, amount.toFixed(2)],
      );
      await this.ledgerEntry(m, user, application, 'PAID', amount.toFixed(2), input.reference);
      const unpaid = new Decimal(application.approvedAmount!).minus(amount);
      if (unpaid.greaterThan(0))
        await this.ledgerEntry(m, user, application, 'RELEASED', unpaid.toFixed(2), input.reference);
      await this.audit(m, user, input.id, 'RECORD_PAYMENT', application, input.justification, {
        reference: input.reference,
      });
    });
    return this.get(user, input.id);
  }

  async clawBack(user: AuthUser, input: ClawBackInput): Promise<SubsidyApplication> {
    await inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.transitionable(m, user, input.id, 'CLAW_BACK');
      const amount = new Decimal(input.amount);
      if (amount.lessThanOrEqualTo(0) || amount.greaterThan(application.paidAmount!)) {
        throw AppError.badInput('amount', `must be above 0 and at most the paid ${application.paidAmount}`);
      }
      await m.query(
        `UPDATE subsidy_application SET state = 'CLAWED_BACK', clawed_back_amount = $2, updated_at = now() WHERE id = $1`,
        [input.id, amount.toFixed(2)],
      );
      await this.ledgerEntry(m, user, application, 'CLAWED_BACK', amount.toFixed(2), null);
      await this.audit(m, user, input.id, 'CLAW_BACK', application, input.justification);
    });
    return this.get(user, input.id);
  }

  /** The per-check report on demand; for a submitted application, with the rule of its submission date. */
  async eligibility(user: AuthUser, id: string): Promise<EligibilityReport> {
    return inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.get(user, id, m);
      const [{ today }] = await m.query(`SELECT ${BEIJING_TODAY}::text AS today`);
      const on = application.submittedAt
        ? new Date(application.submittedAt).toISOString().slice(0, 10)
        : today;
      return this.assess(m, application, on);
    });
  }

  async addDocument(
    user: AuthUser,
    applicationId: string,
    kind: DocumentKind,
    file: { name: string; bytes: Buffer },
  ): Promise<ApplicationDocument> {
    this.ownCompany(user);
    if (file.bytes.length === 0) throw AppError.badInput('file', 'the file is empty');
    if (file.bytes.length > DOCUMENT_MAX_BYTES) {
      throw AppError.badInput('file', `documents are at most ${DOCUMENT_MAX_BYTES} bytes`);
    }
    const type = MAGIC.find((t) => t.bytes.every((b, i) => file.bytes[i] === b));
    if (!type) throw AppError.badInput('file', 'only PDF, PNG and JPEG documents are accepted');
    return inTenant(this.db, tenantOf(user), async (m) => {
      const application = await this.get(user, applicationId, m, true);
      const allowed =
        application.state === 'DRAFT' ||
        (application.state === 'APPROVED' && ['INVOICE', 'DELIVERY_PROOF'].includes(kind));
      if (!allowed) {
        throw new AppError(
          'CONFLICT',
          `A ${kind} document cannot be added to an application that is ${application.state}`,
          {
            state: application.state,
          },
        );
      }
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const [row] = await m.query(
        `INSERT INTO application_document (application_id, kind, file_name, media_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, application_id AS "applicationId", kind, file_name AS "fileName", media_type AS "mediaType",
                   size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"`,
        [
          applicationId,
          kind,
          file.name.slice(0, 200),
          type.mediaType,
          file.bytes.length,
          sha256,
          file.bytes,
          user.id,
        ],
      );
      await appendAudit(m, {
        entityType: 'SubsidyApplication',
        entityId: applicationId,
        action: 'DOCUMENT_ADDED',
        actorId: user.id,
        before: null,
        after: { documentId: row.id, kind, fileName: row.fileName, sizeBytes: row.sizeBytes, sha256 },
      });
      return row;
    });
  }

  // ---- internals -----------------------------------------------------------------------------------------

  private ownCompany(user: AuthUser): string {
    if (user.role !== 'COMPANY' || !user.companyId)
      throw AppError.forbidden('Only a company files and edits its applications');
    return user.companyId;
  }

  /** Locks the application and checks that `action` exists from its state and that this user may take it. */
  private async transitionable(m: EntityManager, user: AuthUser, id: string, action: TransitionAction) {
    const transition = TRANSITIONS[action];
    if (transition.by === 'REGULATOR' && user.role !== 'REGULATOR') {
      throw AppError.forbidden(`Only a regulator may ${action.toLowerCase().replace('_', ' ')}`);
    }
    const application = await this.get(user, id, m, true);
    if (!nextState(application.state, action)) {
      throw new AppError(
        'CONFLICT',
        `${action} is not possible from ${application.state}; it is possible from ${transition.from.join(', ')}`,
        { state: application.state, action },
      );
    }
    return application;
  }

  private async audit(
    m: EntityManager,
    user: AuthUser,
    id: string,
    action: TransitionAction,
    before: SubsidyApplication,
    justification?: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const [after] = await m.query(
      `SELECT ${APPLICATION_COLUMNS} FROM subsidy_application a WHERE a.id = $1`,
      [id],
    );
    await appendAudit(m, {
      entityType: 'SubsidyApplication',
      entityId: id,
      action,
      actorId: user.id,
      before: pickFigures(before),
      after: { ...pickFigures(after), ...extra },
      justification,
    });
  }

  private async snapshot(m: EntityManager, id: string) {
    const [application] = await m.query(
      `SELECT ${APPLICATION_COLUMNS} FROM subsidy_application a WHERE a.id = $1`,
      [id],
    );
    const contracts = await m.query(
      `SELECT provider_name, provider_uscc, contract_number, cost_type, start_date::text, end_date::text, amount
         FROM compute_contract WHERE application_id = $1 ORDER BY contract_number`,
      [id],
    );
    const invoices = await m.query(
      `SELECT contract_number, invoice_number, issued_on::text, amount FROM invoice WHERE application_id = $1 ORDER BY invoice_number`,
      [id],
    );
    return {
      ...pickFigures(application),
      modelName: application.modelName,
      modelCategory: application.modelCategory,
      contracts,
      invoices,
    };
  }

  private async writeLines(
    m: EntityManager,
    applicationId: string,
    input: ApplicationDraftInput,
  ): Promise<void> {
    for (const c of input.contracts) {
      await m.query(
        `INSERT INTO compute_contract (application_id, provider_name, provider_uscc, contract_number, cost_type,
           start_date, end_date, amount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          applicationId,
          c.providerName,
          c.providerUscc,
          c.contractNumber,
          c.costType,
          c.startDate,
          c.endDate,
          c.amount,
        ],
      );
    }
    for (const invoice of input.invoices) await this.insertInvoice(m, applicationId, invoice);
  }

  private async insertInvoice(m: EntityManager, applicationId: string, invoice: InvoiceInput): Promise<void> {
    const [contract] = await m.query(
      `SELECT 1 FROM compute_contract WHERE application_id = $1 AND contract_number = $2`,
      [applicationId, invoice.contractNumber],
    );
    if (!contract)
      throw AppError.badInput(
        'invoices.contractNumber',
        `no contract ${invoice.contractNumber} in this application`,
      );
    const inserted = await m.query(
      `INSERT INTO invoice (application_id, contract_number, invoice_number, issued_on, amount)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id, invoice_number) DO NOTHING RETURNING 1`,
      [applicationId, invoice.contractNumber, invoice.invoiceNumber, invoice.issuedOn, invoice.amount],
    );
    if (!inserted.length)
      throw AppError.badInput('invoices.invoiceNumber', `invoice ${invoice.invoiceNumber} is given twice`);
  }

  private async ruleInForce(m: EntityManager, programCode: string, on: string): Promise<Rule> {
    const [rule] = await m.query(
      `SELECT ${RULE_COLUMNS} FROM subsidy_rule_version
        WHERE program_code = $1 AND effective_from <= $2::date ORDER BY effective_from DESC LIMIT 1`,
      [programCode, on],
    );
    if (!rule) throw new AppError('NO_RULE_IN_FORCE', `No rule of ${programCode} is in force on ${on}`);
    return rule;
  }

  private async ruleById(m: EntityManager, id: string): Promise<Rule> {
    const [rule] = await m.query(`SELECT ${RULE_COLUMNS} FROM subsidy_rule_version WHERE id = $1`, [id]);
    return rule;
  }

  /** What is left under the company cap and the yearly pool, from the ledger. */
  private async limits(m: EntityManager, application: SubsidyApplication, rule: Rule, year?: number) {
    const budgetYear = application.budgetYear ?? year!;
    const [row] = await m.query(
      `SELECT (SELECT ${committedSql('e')} FROM subsidy_ledger_entry e
                WHERE e.program_code = $1 AND e.company_id = $2 AND ($3 = 'PROGRAM' OR e.budget_year = $4)) AS company,
              subsidy_pool_committed($1, $4) AS pool`,
      [application.programCode, application.companyId, rule.companyCapPeriod, budgetYear],
    );
    return {
      perClaimCap: rule.perClaimCap,
      companyCapRemaining:
        rule.companyCap === null ? null : money(new Decimal(rule.companyCap).minus(row.company).toString()),
      poolRemaining:
        rule.yearlyPool === null ? null : money(new Decimal(rule.yearlyPool).minus(row.pool).toString()),
    };
  }

  /** Contracts and invoices of this application claimed by another live one, of any company (migration Tenancy). */
  private async stackedNumbers(m: EntityManager, applicationId: string) {
    return m.query(
      `SELECT number, kind, application_id AS "applicationId", program_code AS "programCode"
         FROM subsidy_stacked_claims($1)
        WHERE EXISTS (SELECT 1 FROM subsidy_application WHERE id = $1) -- visible under the caller's own tenant`,
      [applicationId],
    );
  }

  /** Gathers the facts, judges eligibility and computes the amount the rules give on date `on`. */
  private async assess(
    m: EntityManager,
    application: SubsidyApplication,
    on: string,
  ): Promise<EligibilityReport> {
    const rule = application.ruleVersionId
      ? await this.ruleById(m, application.ruleVersionId)
      : await this.ruleInForce(m, application.programCode, on);
    const [facts] = await m.query(
      `SELECT c.uscc, p.region_code AS "programRegion", to_char(p.window_start, 'YYYY-MM-DD') AS "windowStart",
              to_char(p.window_end, 'YYYY-MM-DD') AS "windowEnd",
              c.region_code IN (WITH RECURSIVE tree AS (SELECT code FROM region WHERE code = p.region_code
                                  UNION ALL SELECT r.code FROM region r JOIN tree t ON r.parent_code = t.code)
                                SELECT code FROM tree) AS "inRegion",
              ARRAY(SELECT affiliated_uscc::text FROM company_affiliation WHERE company_id = c.id) AS affiliated,
              ARRAY(SELECT DISTINCT kind FROM application_document WHERE application_id = $1) AS kinds
         FROM subsidy_application a JOIN company c ON c.id = a.company_id JOIN subsidy_program p ON p.code = a.program_code
        WHERE a.id = $1`,
      [application.id],
    );
    const contracts: {
      contractNumber: string;
      providerUscc: string;
      providerName: string;
      startDate: string;
      endDate: string;
      costType: string;
      amount: string;
    }[] = await m.query(
      `SELECT contract_number AS "contractNumber", provider_uscc AS "providerUscc", provider_name AS "providerName",
                to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate",
                cost_type AS "costType", amount
           FROM compute_contract WHERE application_id = $1`,
      [application.id],
    );
    const checks: EligibilityCheck[] = judgeEligibility({
      companyUscc: facts.uscc,
      companyInProgramRegion: facts.inRegion,
      programRegionCode: facts.programRegion,
      modelName: application.modelName,
      modelCategory: application.modelCategory,
      window: { start: facts.windowStart, end: facts.windowEnd },
      contracts,
      affiliatedUsccs: facts.affiliated,
      stacked: await this.stackedNumbers(m, application.id),
      requiredDocuments: rule.requiredDocuments,
      documentKinds: facts.kinds,
    });
    const eligibleCost = contracts
      .filter((c) => rule.eligibleCostTypes.includes(c.costType as never))
      .reduce((sum, c) => sum.plus(c.amount), new Decimal(0));
    const limits = await this.limits(m, application, rule, Number(on.slice(0, 4)));
    const result = subsidyAmount({ ...limits, rate: rule.rate, eligibleCost: eligibleCost.toFixed(2) });
    return {
      eligible: checks.every((c) => c.passed),
      checks,
      eligibleCost: eligibleCost.toFixed(2),
      amount: result.amount,
      limitedBy: result.limitedBy,
      ruleVersionId: rule.id,
    };
  }

  private async ledgerEntry(
    m: EntityManager,
    user: AuthUser,
    application: SubsidyApplication,
    kind: 'RESERVED' | 'RELEASED' | 'PAID' | 'CLAWED_BACK',
    amount: string,
    reference: string | null,
  ): Promise<void> {
    await m.query(
      `INSERT INTO subsidy_ledger_entry (program_code, company_id, application_id, budget_year, kind, amount, recorded_by, reference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        application.programCode,
        application.companyId,
        application.id,
        application.budgetYear,
        kind,
        amount,
        user.id,
        reference,
      ],
    );
  }
}

function pickFigures(a: SubsidyApplication) {
  return {
    state: a.state,
    ruleVersionId: a.ruleVersionId,
    eligibleCost: a.eligibleCost,
    requestedAmount: a.requestedAmount,
    approvedAmount: a.approvedAmount,
    paidAmount: a.paidAmount,
    clawedBackAmount: a.clawedBackAmount,
  };
}

/** Cross-field checks class-validator cannot express: dates in order, invoices pointing at given contracts. */
function checkDraft(input: ApplicationDraftInput): void {
  input.contracts.forEach((c, i) => {
    if (c.endDate < c.startDate)
      throw AppError.badInput(`contracts.${i}.endDate`, 'must not be before startDate');
    if (Number.isNaN(Date.parse(c.startDate)) || Number.isNaN(Date.parse(c.endDate))) {
      throw AppError.badInput(`contracts.${i}.startDate`, 'is not a calendar date');
    }
  });
  const numbers = input.contracts.map((c) => c.contractNumber);
  const duplicate = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (duplicate) throw AppError.badInput('contracts.contractNumber', `contract ${duplicate} is given twice`);
  input.invoices.forEach((invoice, i) => {
    if (!numbers.includes(invoice.contractNumber)) {
      throw AppError.badInput(
        `invoices.${i}.contractNumber`,
        `no contract ${invoice.contractNumber} in this application`,
      );
    }
  });
}
