import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  afterTimeKey,
  timeKey,
  toConnection,
  type Connection,
  type ConnectionArgs,
} from '../common/pagination.js';
import type { JobRun } from './job-run.model.js';

@Injectable()
export class JobRunsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The job-run history, newest first. */
  async list(args: ConnectionArgs): Promise<Connection<JobRun>> {
    const params: unknown[] = [];
    const after = afterTimeKey(args.after, ['started_at', 'id'], (v) => `$${params.push(v)}`);
    const where = after ? `WHERE ${after}` : '';
    const rows: (JobRun & { at: string })[] = await this.dataSource.query(
      `SELECT id, job, period, trigger, attempt, replica, outcome, started_at AS "startedAt",
              finished_at AS "finishedAt", error, retry_after AS "retryAfter", result,
              ${timeKey('started_at')} AS at
         FROM job_run ${where} ORDER BY started_at DESC, id DESC LIMIT ${args.first + 1}`,
      params,
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM job_run`);
    return toConnection(
      rows,
      args,
      total,
      (r) => [r.at, r.id],
      ({ at: _at, ...r }) => r,
    );
  }
}
