import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection, type ConnectionArgs } from '../common/pagination.js';
import type { JobRun } from './job-run.model.js';

@Injectable()
export class JobRunsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The job-run history, newest first. */
  async list(args: ConnectionArgs): Promise<Connection<JobRun>> {
    const params: unknown[] = [];
    let where = '';
    const cursor = decodeCursor(args.after, 2);
    if (cursor) {
      const [at, id] = cursor;
      if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
        throw AppError.badInput('after', 'is not a cursor returned by this list');
      }
      params.push(at, id);
      where = `WHERE (started_at, id) < ($1::timestamptz, $2::uuid)`;
    }
    const rows: (JobRun & { at: string })[] = await this.dataSource.query(
      `SELECT id, job, period, trigger, attempt, replica, outcome, started_at AS "startedAt",
              finished_at AS "finishedAt", error, retry_after AS "retryAfter", result,
              to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
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
