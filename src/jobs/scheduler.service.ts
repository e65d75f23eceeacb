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
import { ComplianceService, reportingCutoff } from '../compliance/compliance.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { dailyDataQuality } from './data-quality.job.js';
import { JobRunner } from './job-runner.js';

const TIME_ZONE = 'Asia/Shanghai';

/** The latest month whose reporting window has closed at `now`. */
export function lastClosedPeriod(now: Date, windowDays: number): string {
  const beijing = new Date(now.getTime() + 8 * 3_600_000);
  for (let back = 0; ; back++) {
    const d = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - back, 1));
    const period = d.toISOString().slice(0, 7);
    if (reportingCutoff(period, windowDays).getTime() <= now.getTime()) return period;
  }
}

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
  /** Steps that run after a month's scoring succeeded (the monthly reports plug in here). */
  private readonly afterScoring: ((period: string) => Promise<void>)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly compliance: ComplianceService,
    private readonly runner: JobRunner,
  ) {}

  onAfterScoring(step: (period: string) => Promise<void>): void {
    this.afterScoring.push(step);
  }

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

  async duePeriods(now = new Date()): Promise<string[]> {
    const last = lastClosedPeriod(now, this.config.adoption.reportingWindowDays);
    const rows: { period: string }[] = await this.dataSource.query(
      `SELECT to_char(p, 'YYYY-MM') AS period
         FROM generate_series((SELECT date_trunc('month', min(effective_from)) FROM target_version),
                              $1::date, interval '1 month') AS p
        WHERE NOT EXISTS (SELECT 1 FROM job_run j WHERE j.job = 'MONTHLY_SCORING' AND j.period = to_char(p, 'YYYY-MM')
                             AND j.outcome = 'SUCCEEDED' AND j.trigger <> 'MANUAL')
        ORDER BY p`,
      [`${last}-01`],
    );
    return rows.map((r) => r.period);
  }

  async monthlyTick(): Promise<void> {
    for (const period of await this.duePeriods()) {
      if (this.stopping) return;
      const cutoff = reportingCutoff(period, this.config.adoption.reportingWindowDays);
      const outcome = await this.compliance.scoreJob(period, cutoff, 'SCHEDULE');
      if (outcome.outcome === 'FAILED') return; // later months wait: a projection needs the months before it
      if (outcome.outcome === 'SKIPPED' && outcome.reason !== 'DONE') return;
      for (const step of this.afterScoring) {
        if (this.stopping) return;
        await step(period);
      }
    }
  }

  async dailyTick(now = new Date()): Promise<void> {
    const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await this.runner.run('DAILY_DATA_QUALITY', day, (m, d) => dailyDataQuality(m, d), {
      trigger: 'SCHEDULE',
    });
  }
}
