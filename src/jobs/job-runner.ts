import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Socket } from 'node:net';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ALL_COMPANIES } from '../database/tenancy.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export const JOB_NAMES = ['MONTHLY_SCORING', 'MONTHLY_REPORTS', 'DAILY_DATA_QUALITY'] as const;
export type JobName = (typeof JOB_NAMES)[number];
export const JOB_TRIGGERS = ['SCHEDULE', 'MANUAL', 'SEED'] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];

export interface JobContext {
  runId: string;
  trigger: JobTrigger;
  userId: string | null;
}

/** A job's work for one period, done inside the transaction that also records its success. */
export type JobWork = (
  m: EntityManager,
  period: string,
  context: JobContext,
) => Promise<Record<string, unknown>>;

export type RunOutcome =
  | { outcome: 'SUCCEEDED'; runId: string; result: Record<string, unknown> }
  | { outcome: 'SKIPPED'; reason: 'DONE' | 'RUNNING_ELSEWHERE' | 'BACKING_OFF' | 'GAVE_UP' }
  | { outcome: 'FAILED'; runId: string; error: string };

// Namespace of the advisory locks that stand for "job J for period P is running"; the second key is a hash.
const JOB_LOCK_NAMESPACE = 7_346_251;

/**
 * Runs a job for a period at most once however many replicas try (SCHEDULE and SEED runs), through PostgreSQL:
 * an advisory transaction lock keyed by job and period lets one replica in, and the job's output and its
 * SUCCEEDED row commit in one transaction, under a unique index. A replica killed mid-run rolls back to nothing;
 * its RUNNING row is marked ABANDONED by the next one to take the lock. MANUAL runs (CLI, GraphQL) take the same
 * lock, so they never overlap a scheduled run, but may repeat a period on purpose.
 */
/** Destroys the socket of a query runner's connection; the pool discards the client when it is released. */
function cutConnection(runner: QueryRunner): void {
  const client = (runner as unknown as { databaseConnection?: { connection?: { stream?: Socket } } })
    .databaseConnection;
  client?.connection?.stream?.destroy();
}

@Injectable()
export class JobRunner {
  private readonly logger = new Logger('Jobs');
  readonly replica = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** The demo seed turns this off: it makes dozens of runs before the app's logger exists. */
  logSuccess = true;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(
    job: JobName,
    period: string,
    work: JobWork,
    options: { trigger: JobTrigger; userId?: string | null },
  ): Promise<RunOutcome> {
    const { trigger } = options;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let runId: string | null = null;
    try {
      await runner.startTransaction();
      const [{ locked }] = await runner.query(
        `SELECT pg_try_advisory_xact_lock($1, hashtext($2 || '/' || $3)) AS locked`,
        [JOB_LOCK_NAMESPACE, job, period],
      );
      if (!locked) {
        await runner.rollbackTransaction();
        return { outcome: 'SKIPPED', reason: 'RUNNING_ELSEWHERE' };
      }
      // Whoever holds the lock is the only one running this job and period: a RUNNING row left is a dead run.
      await this.dataSource.query(
        `UPDATE job_run SET outcome = 'ABANDONED', finished_at = clock_timestamp(),
                error = 'the replica running it stopped before it finished; nothing it did was kept'
          WHERE job = $1 AND period = $2 AND outcome = 'RUNNING'`,
        [job, period],
      );
      const [state] = await this.dataSource.query(
        `SELECT bool_or(outcome = 'SUCCEEDED' AND trigger <> 'MANUAL') AS done,
                count(*) FILTER (WHERE trigger <> 'MANUAL' AND outcome IN ('FAILED', 'ABANDONED'))::int AS failures,
                max(retry_after) FILTER (WHERE trigger <> 'MANUAL') > now() AS backing_off
           FROM job_run WHERE job = $1 AND period = $2`,
        [job, period],
      );
      if (trigger !== 'MANUAL') {
        const skip = state.done
          ? 'DONE'
          : state.backing_off
            ? 'BACKING_OFF'
            : state.failures >= this.config.jobs.maxAttempts
              ? 'GAVE_UP'
              : null;
        if (skip) {
          await runner.rollbackTransaction();
          return { outcome: 'SKIPPED', reason: skip };
        }
      }
      const attempt = trigger === 'MANUAL' ? 1 : state.failures + 1;
      [{ id: runId }] = await this.dataSource.query(
        `INSERT INTO job_run (job, period, trigger, attempt, replica, outcome)
         VALUES ($1, $2, $3, $4, $5, 'RUNNING') RETURNING id`,
        [job, period, trigger, attempt, this.replica],
      );
      const timeoutMs = this.config.jobs.timeoutMs;
      // Jobs read every company's rows (the cap indicator, the subsidy report); the statement timeout is the job's;
      // a connection whose client is gone is noticed within a second even in the middle of a statement.
      await runner.query(
        `SELECT set_config('yardstick.tenant', $1, true), set_config('statement_timeout', $2, true),
                CASE WHEN current_setting('client_connection_check_interval', true) IS NOT NULL
                     THEN set_config('client_connection_check_interval', '1000', true) END`,
        [ALL_COMPANIES, String(timeoutMs)],
      );
      const result = await withTimeout(
        work(runner.manager, period, { runId: runId!, trigger, userId: options.userId ?? null }),
        timeoutMs,
        async () => {
          // The work may be between statements (rendering, say): cut its connection, so that nothing it sends
          // afterwards can run, let alone commit; PostgreSQL rolls the transaction back when the client goes.
          // (Not pg_terminate_backend: the app's role may not signal a backend whose login is a superuser's.)
          cutConnection(runner);
          return new Error(`${job} ${period} exceeded its ${timeoutMs} ms timeout`);
        },
      );
      await runner.query(
        `UPDATE job_run SET outcome = 'SUCCEEDED', finished_at = clock_timestamp(), result = $2 WHERE id = $1`,
        [runId, JSON.stringify(result)],
      );
      await runner.commitTransaction();
      if (this.logSuccess) this.logger.log(`${job} ${period} succeeded (${trigger}, run ${runId})`);
      return { outcome: 'SUCCEEDED', runId: runId!, result };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      if (!runId) throw error;
      const [{ attempt }] = await this.dataSource.query(`SELECT attempt FROM job_run WHERE id = $1`, [runId]);
      const backoffMs = this.config.jobs.retryBaseMs * 2 ** (attempt - 1);
      await this.dataSource.query(
        `UPDATE job_run SET outcome = 'FAILED', finished_at = clock_timestamp(), error = $2,
                retry_after = CASE WHEN trigger = 'MANUAL' THEN NULL ELSE now() + $3 * interval '1 millisecond' END
          WHERE id = $1`,
        [runId, message.slice(0, 2000), backoffMs],
      );
      this.logger.error(`${job} ${period} failed (attempt ${attempt}): ${message}`);
      return { outcome: 'FAILED', runId, error: message };
    } finally {
      await runner.release().catch(() => undefined); // a connection ended by a timeout is dropped from the pool
    }
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Promise<Error>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      void onTimeout().then(reject, reject);
    }, ms);
  });
  timeout.catch(() => undefined);
  try {
    // Once the time is up, the work's own failure (its connection ended under it) is reported as the timeout.
    return await Promise.race([
      work.catch((error: unknown) => (timedOut ? timeout : Promise.reject(error))),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
