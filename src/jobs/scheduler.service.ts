import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import cron, { type ScheduledTask } from 'node-cron';
import type { DataSource } from 'typeorm';
import { inBeijing, lastClosedPeriod, reportingCutoff } from '../common/periods.js';
import { ComplianceService } from '../compliance/compliance.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ReportsService } from '../reports/reports.service.js';
import { dailyDataQuality } from './data-quality.job.js';
import { JobRunner } from './job-runner.js';

const TIME_ZONE = 'Asia/Shanghai';

/**
 * node-cron ticks in Beijing time on every replica. The monthly tick scores, in order, every month whose reporting
 * window has closed and that has no successful scheduled run (so a replica started after a gap catches up), then
 * runs the monthly reports; the job runner makes each (job, month) happen once across replicas. Shutdown waits
 * for the tick in progress; a replica killed instead leaves nothing half-written (see JobRunner).
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly tasks: ScheduledTask[] = [];
  private running: Promise<void> | null = null;
  private stopping = false;
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly compliance: ComplianceService,
    private readonly reports: ReportsService,
    private readonly runner: JobRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled) return;
    const options = { timezone: TIME_ZONE, noOverlap: true };
    this.tasks.push(
      cron.schedule(this.config.jobs.monthlyCron, () => this.exclusive(() => this.monthlyTick()), {
        ...options,
        name: 'monthly',
      }),
      cron.schedule(this.config.jobs.dailyCron, () => this.exclusive(() => this.dailyTick()), {
        ...options,
        name: 'daily',
      }),
    );
    // Catch up at start without holding up the boot.
    setImmediate(() => void this.exclusive(() => this.monthlyTick()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const task of this.tasks) await task.destroy();
    await this.running;
  }

  /** One tick at a time per process; a tick that fires while another runs is dropped (the next one catches up). */
  private exclusive(tick: () => Promise<void>): Promise<void> | undefined {
    if (this.stopping || this.running) return undefined;
    this.running = tick()
      .catch((error: unknown) =>
        this.logger.error(`tick failed: ${error instanceof Error ? error.stack : error}`),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /**
   * Months to work on, oldest first: every closed month without a successful scheduled scoring, and the last
   * `reportCatchUpMonths` closed months without their scheduled reports (older reports are made on demand).
   */
  async duePeriods(now = new Date()): Promise<{ period: string; score: boolean; report: boolean }[]> {
    const last = lastClosedPeriod(now, this.config.adoption.reportingWindowDays);
    return this.dataSource
      .query(
        `WITH months AS (
         SELECT to_char(p, 'YYYY-MM') AS period, p >= $1::date - ($2::int - 1) * interval '1 month' AS recent
           FROM generate_series((SELECT date_trunc('month', min(effective_from)) FROM target_version),
                                $1::date, interval '1 month') AS p),
       done AS (
         SELECT job, period FROM job_run WHERE outcome = 'SUCCEEDED' AND trigger <> 'MANUAL')
       SELECT m.period,
              NOT EXISTS (SELECT 1 FROM done d WHERE d.job = 'MONTHLY_SCORING' AND d.period = m.period) AS score,
              m.recent AND NOT EXISTS (SELECT 1 FROM done d WHERE d.job = 'MONTHLY_REPORTS' AND d.period = m.period)
                AS report
         FROM months m ORDER BY m.period`,
        [`${last}-01`, this.config.jobs.reportCatchUpMonths],
      )
      .then((rows: { period: string; score: boolean; report: boolean }[]) =>
        rows.filter((r) => r.score || r.report),
      );
  }

  async monthlyTick(): Promise<void> {
    for (const due of await this.duePeriods()) {
      if (this.stopping) return;
      if (due.score) {
        const cutoff = reportingCutoff(due.period, this.config.adoption.reportingWindowDays);
        const outcome = await this.compliance.scoreJob(due.period, cutoff, 'SCHEDULE');
        if (outcome.outcome === 'SKIPPED' && outcome.reason === 'GAVE_UP') {
          // Needs a person (npm run cli -- score, or runComplianceScoring); later months go on without it.
          this.logger.error(
            `MONTHLY_SCORING ${due.period} failed ${this.config.jobs.maxAttempts} times; score it by hand`,
          );
          continue;
        }
        // Otherwise later months wait: their projections read this month's snapshot.
        if (outcome.outcome === 'FAILED') return;
        if (outcome.outcome === 'SKIPPED' && outcome.reason !== 'DONE') return;
      }
      if (due.report && !this.stopping) {
        // Exactly once per month as well; a failure retries with back-off on later ticks without rescoring.
        await this.reports.monthlyJob(due.period);
      }
    }
  }

  async dailyTick(now = new Date()): Promise<void> {
    const day = inBeijing(now).toISOString().slice(0, 10);
    await this.runner.run('DAILY_DATA_QUALITY', day, (m, d) => dailyDataQuality(m, d), {
      trigger: 'SCHEDULE',
    });
  }
}
