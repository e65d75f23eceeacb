import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/app-error.js';
import { afterTimeKey, timeKey, toConnection, type Connection } from '../common/pagination.js';
import { ALL_COMPANIES, inTenant } from '../database/tenancy.js';
import { JobRunner, type JobTrigger, type RunOutcome } from '../jobs/job-runner.js';
import { nationalReportData, subsidyReportData } from './gather.js';
import {
  REPORT_KINDS,
  REPORT_LANGUAGES,
  TEMPLATE_VERSIONS,
  type ReportKind,
  type ReportLanguage,
} from './report-data.js';
import { ReportRenderer } from './report-renderer.js';
import type { Report, ReportsArgs } from './reports.model.js';

/** The snapshot a month's reports come from: the official one (scheduled or seeded), else the latest manual one. */
async function reportSnapshot(m: EntityManager, period: string): Promise<string | null> {
  const [row] = await m.query(
    `SELECT id FROM compliance_snapshot WHERE period = $1
      ORDER BY trigger <> 'MANUAL' DESC, created_at DESC, id DESC LIMIT 1`,
    [`${period}-01`],
  );
  return row?.id ?? null;
}

const COLUMNS = `r.id, r.kind, to_char(r.period, 'YYYY-MM') AS period, r.language, r.snapshot_id AS "snapshotId",
  r.template_version AS "templateVersion", r.sha256, r.size_bytes AS "sizeBytes", r.page_count AS "pageCount",
  r.trigger, r.created_at AS "createdAt", r.synthetic, '/reports/' || r.id || '.pdf' AS "downloadPath"`;

/**
 * Generation (gather in SQL, render in the worker, archive with sha256), the monthly reports job, and reads.
 * The same snapshot, kind, language and template render to the same bytes, so the archive keeps one copy:
 * generating again returns the stored report after checking that the new bytes are identical.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderer: ReportRenderer,
    private readonly jobs: JobRunner,
  ) {}

  /**
   * A report of a month, made now (regulators, the CLI): from the month's official snapshot (the scheduled or
   * seeded scoring at the close of the reporting window), or its latest manual one while there is none. Gathering
   * and archiving are short statements; no connection is held while the worker renders.
   */
  async generate(
    kind: ReportKind,
    period: string,
    language: ReportLanguage,
    options: { trigger: JobTrigger; user?: AuthUser | null },
  ): Promise<Report> {
    const snapshotId = await reportSnapshot(this.dataSource.manager, period);
    if (!snapshotId) {
      throw new AppError('NOT_FOUND', `${period} has not been scored yet; run runComplianceScoring first`, {
        field: 'period',
      });
    }
    const id = await this.generateIn(this.dataSource.manager, kind, language, snapshotId, {
      trigger: options.trigger,
      userId: options.user?.id ?? null,
      jobRunId: null,
    });
    return this.byId(id);
  }

  /** Renders and archives one report (inside the caller's transaction when `m` is one); returns its id. */
  async generateIn(
    m: EntityManager,
    kind: ReportKind,
    language: ReportLanguage,
    snapshotId: string,
    context: { trigger: JobTrigger; userId: string | null; jobRunId: string | null },
  ): Promise<string> {
    const templateVersion = TEMPLATE_VERSIONS[kind];
    const data =
      kind === 'NATIONAL_MONTHLY'
        ? await nationalReportData(m, snapshotId)
        : // Every company's applications and ledger: a regulator's report (in a job, the job's tenant already).
          await inTenant(m, ALL_COMPANIES, (tm) => subsidyReportData(tm, snapshotId));
    const { pdf, pageCount } = await this.renderer.render({ data, language, templateVersion });
    const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO report (kind, period, language, snapshot_id, template_version, sha256, size_bytes, page_count,
                           content, trigger, job_run_id, created_by, synthetic)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (kind, language, snapshot_id, template_version) DO NOTHING RETURNING id`,
      [
        kind,
        `${data.snapshot.period}-01`,
        language,
        snapshotId,
        templateVersion,
        sha256,
        bytes.length,
        pageCount,
        bytes,
        context.trigger,
        context.jobRunId,
        context.userId,
        data.snapshot.synthetic,
      ],
    );
    if (inserted.length) return inserted[0].id;
    const [existing] = await m.query(
      `SELECT id, sha256 FROM report WHERE kind = $1 AND language = $2 AND snapshot_id = $3 AND template_version = $4`,
      [kind, language, snapshotId, templateVersion],
    );
    if (existing.sha256 !== sha256) {
      // Rendering is meant to be a pure function of the snapshot; say so loudly if it is not.
      this.logger.error(
        `${kind} ${language} of snapshot ${snapshotId} rendered to ${sha256}, the archive holds ${existing.sha256}`,
      );
      throw new AppError(
        'REPORT_NOT_REPRODUCIBLE',
        'The report rendered differently from its archived copy',
        {
          reportId: existing.id,
        },
      );
    }
    return existing.id;
  }

  /** The monthly job: both kinds in both languages from the month's official snapshot, once per month. */
  monthlyJob(period: string, trigger: JobTrigger = 'SCHEDULE'): Promise<RunOutcome> {
    return this.jobs.run(
      'MONTHLY_REPORTS',
      period,
      async (m, p, context) => {
        const snapshotId = await reportSnapshot(m, p);
        if (!snapshotId) throw new Error(`${p} has no compliance snapshot`);
        const snapshot = { id: snapshotId };
        const reports: string[] = [];
        for (const kind of REPORT_KINDS) {
          for (const language of REPORT_LANGUAGES) {
            reports.push(
              await this.generateIn(m, kind, language, snapshot.id, {
                trigger: context.trigger,
                userId: null,
                jobRunId: context.runId,
              }),
            );
          }
        }
        return { snapshotId: snapshot.id, reports };
      },
      { trigger },
    );
  }

  async byId(id: string): Promise<Report> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM report r WHERE r.id = $1`, [id]);
    if (!row) throw AppError.notFound('Report', id);
    return row;
  }

  async content(id: string): Promise<{ report: Report; bytes: Buffer }> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS}, r.content FROM report r WHERE r.id = $1`, [
      id,
    ]);
    if (!row) throw AppError.notFound('Report', id);
    const { content, ...report } = row;
    return { report, bytes: content };
  }

  /** Newest first. */
  async list(args: ReportsArgs): Promise<Connection<Report>> {
    const filter = args.filter ?? {};
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.kind) where.push(`r.kind = $${params.push(filter.kind)}`);
    if (filter.period) where.push(`r.period = $${params.push(`${filter.period}-01`)}`);
    if (filter.language) where.push(`r.language = $${params.push(filter.language)}`);
    const countParams = [...params];
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const after = afterTimeKey(args.after, ['r.created_at', 'r.id'], (v) => `$${params.push(v)}`);
    if (after) where.push(after);
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: (Report & { at: string })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${timeKey('r.created_at')} AS at
         FROM report r ${pageWhere} ORDER BY r.created_at DESC, r.id DESC LIMIT ${args.first + 1}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM report r ${countWhere}`,
      countParams,
    );
    return toConnection(
      rows,
      args,
      total,
      (r) => [r.at, r.id],
      ({ at: _at, ...r }) => r,
    );
  }
}
