import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/app-error.js';
import { afterTimeKey, timeKey, toConnection, type Connection } from '../common/pagination.js';
import { requestLoader, type RequestContext } from '../common/request-context.js';
import { periodEnd, reportingCutoff } from '../common/periods.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobRunner, type JobTrigger, type RunOutcome } from '../jobs/job-runner.js';
import type {
  ComplianceSnapshot,
  RegionCompliance,
  SnapshotsArgs,
  StatusCount,
  TargetCompliance,
} from './compliance.model.js';
import { STATUSES } from './methodology.js';
import { scorePeriod } from './scoring.js';

const SNAPSHOT_COLUMNS = `s.id, to_char(s.period, 'YYYY-MM') AS period, s.data_cutoff AS "dataCutoff",
  s.methodology_version AS "methodologyVersion", s.staleness_months AS "stalenessMonths",
  s.history_months AS "historyMonths", s.trigger, s.job_run_id AS "jobRunId", s.created_at AS "createdAt", s.synthetic`;

const RESULT_COLUMNS = `r.snapshot_id AS "snapshotId", r.target_code AS "targetCode", r.region_code AS "regionCode",
  r.target_version_id AS "targetVersionId", r.status, r.method, r.measured_value::text AS "measuredValue",
  r.numerator::text, r.denominator::text, r.reporting_units AS "reportingUnits", r.in_scope_units AS "inScopeUnits",
  r.coverage::text, r.expected_value::text AS "expectedValue", r.projected_value::text AS "projectedValue",
  to_char(r.baseline_period, 'YYYY-MM') AS "baselinePeriod", r.baseline_value::text AS "baselineValue",
  r.threshold::text, r.projection_points AS "projectionPoints", r.growth_ratio::text AS "growthRatio", r.rank,
  r.history, r.explanation`;

function historyOut<T extends { history: { period: string; value: string }[] }>(row: T): T {
  return { ...row, history: row.history.map((h) => ({ period: h.period.slice(0, 7), value: h.value })) };
}

@Injectable()
export class ComplianceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRunner,
  ) {}

  /**
   * Scores a period through the job runner (so a manual run never overlaps a scheduled one) and returns the new
   * snapshot. Manual runs default to "now" as the cut-off; scheduled runs use the close of the reporting window.
   */
  async run(
    period: string,
    options: { cutoff?: Date | null; trigger: JobTrigger; user?: AuthUser | null },
  ): Promise<ComplianceSnapshot> {
    const now = new Date();
    const cutoff =
      options.cutoff ??
      (options.trigger === 'MANUAL'
        ? now
        : reportingCutoff(period, this.config.adoption.reportingWindowDays));
    if (cutoff.getTime() > now.getTime()) {
      throw AppError.badInput(
        'cutoff',
        'must not be in the future: data still to come would change the snapshot',
      );
    }
    if (periodEnd(period).getTime() > cutoff.getTime()) {
      throw AppError.badInput(
        options.cutoff ? 'cutoff' : 'period',
        `${period} ends at ${periodEnd(period).toISOString()} (Beijing midnight); a month is scored after it ends`,
      );
    }
    const outcome = await this.scoreJob(period, cutoff, options.trigger, options.user?.id ?? null);
    if (outcome.outcome === 'SKIPPED') {
      throw new AppError(
        'CONFLICT',
        `Scoring of ${period} is ${outcome.reason.toLowerCase().replace('_', ' ')}`,
        {
          field: 'period',
          reason: outcome.reason,
        },
      );
    }
    if (outcome.outcome === 'FAILED') {
      // The cause stays in the job run (jobRuns) and the log; the caller gets the run to look it up.
      throw new AppError('JOB_FAILED', `Scoring of ${period} failed; job run ${outcome.runId} records why`, {
        jobRunId: outcome.runId,
      });
    }
    return this.snapshot(String(outcome.result.snapshotId));
  }

  /** The scoring job for one period, as the scheduler, the seed and the mutation run it. */
  scoreJob(
    period: string,
    cutoff: Date,
    trigger: JobTrigger,
    userId: string | null = null,
  ): Promise<RunOutcome> {
    return this.jobs.run(
      'MONTHLY_SCORING',
      period,
      async (m, p, context) => ({
        snapshotId: await scorePeriod(m, {
          period: `${p}-01`,
          cutoff,
          trigger: context.trigger,
          jobRunId: context.runId,
          createdBy: context.userId,
        }),
        cutoff: cutoff.toISOString(),
      }),
      { trigger, userId },
    );
  }

  async snapshot(id: string): Promise<ComplianceSnapshot> {
    const [row] = await this.dataSource.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM compliance_snapshot s WHERE s.id = $1`,
      [id],
    );
    if (!row) throw new AppError('NOT_FOUND', `No compliance snapshot ${id}`, { field: 'id' });
    return row;
  }

  /** The latest snapshot of a month, or null when it has not been scored. */
  async latest(period: string): Promise<ComplianceSnapshot | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM compliance_snapshot s WHERE s.period = $1
        ORDER BY s.created_at DESC, s.id DESC LIMIT 1`,
      [`${period}-01`],
    );
    return row ?? null;
  }

  /** Newest first. */
  async snapshots(args: SnapshotsArgs): Promise<Connection<ComplianceSnapshot>> {
    const params: unknown[] = [];
    const filter: string[] = [];
    if (args.period) filter.push(`s.period = $${params.push(`${args.period}-01`)}`);
    const page = [...filter];
    const after = afterTimeKey(args.after, ['s.created_at', 's.id'], (v) => `$${params.push(v)}`);
    if (after) page.push(after);
    const where = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');
    const rows: (ComplianceSnapshot & { at: string })[] = await this.dataSource.query(
      `SELECT ${SNAPSHOT_COLUMNS}, ${timeKey('s.created_at')} AS at
         FROM compliance_snapshot s ${where(page)}
        ORDER BY s.created_at DESC, s.id DESC LIMIT ${args.first + 1}`,
      params,
    );
    const countParams = args.period ? [params[0]] : [];
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM compliance_snapshot s ${where(filter)}`,
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

  /** Every target's whole-scope result in a snapshot, by target code. */
  async targets(snapshotId: string): Promise<TargetCompliance[]> {
    const rows: TargetCompliance[] = await this.dataSource.query(
      `SELECT ${RESULT_COLUMNS} FROM compliance_result r JOIN target_version v ON v.id = r.target_version_id
        WHERE r.snapshot_id = $1 AND r.region_code = v.scope_region_code ORDER BY r.target_code`,
      [snapshotId],
    );
    return rows.map(historyOut);
  }

  /** A target's province results in a snapshot, best rank first; all targets of a snapshot load in one query. */
  async byRegion(
    context: RequestContext,
    snapshotId: string,
    targetCode: string,
  ): Promise<RegionCompliance[]> {
    const rows = await requestLoader<string, (RegionCompliance & { targetCode: string })[]>(
      context,
      'compliance.byRegion',
      async (snapshotIds) => {
        const all: (RegionCompliance & { targetCode: string; snapshotId: string })[] =
          await this.dataSource.query(
            `SELECT ${RESULT_COLUMNS} FROM compliance_result r JOIN target_version v ON v.id = r.target_version_id
            WHERE r.snapshot_id = ANY($1::uuid[]) AND r.region_code <> v.scope_region_code
            ORDER BY r.rank NULLS LAST, r.region_code`,
            [snapshotIds],
          );
        return snapshotIds.map((id) => all.filter((r) => r.snapshotId === id).map(historyOut));
      },
    ).load(snapshotId);
    return (rows ?? []).filter((r) => r.targetCode === targetCode);
  }

  /** A target's result in the latest snapshot of a month; batched across targets of one request. */
  async forTarget(
    context: RequestContext,
    targetCode: string,
    period: string,
  ): Promise<TargetCompliance | null> {
    return requestLoader<string, TargetCompliance>(
      context,
      `compliance.forTarget/${period}`,
      async (codes) => {
        const snapshot = await this.latest(period);
        if (!snapshot) return codes.map(() => null);
        const rows = await this.targets(snapshot.id);
        return codes.map((code) => rows.find((r) => r.targetCode === code) ?? null);
      },
    ).load(targetCode);
  }

  async summary(snapshotId: string): Promise<StatusCount[]> {
    const rows: { status: string; count: number }[] = await this.dataSource.query(
      `SELECT r.status, count(*)::int AS count FROM compliance_result r JOIN target_version v ON v.id = r.target_version_id
        WHERE r.snapshot_id = $1 AND r.region_code = v.scope_region_code GROUP BY r.status`,
      [snapshotId],
    );
    return STATUSES.map((status) => ({
      status,
      count: rows.find((r) => r.status === status)?.count ?? 0,
    }));
  }
}
