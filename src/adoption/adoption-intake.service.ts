import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type QueryRunner } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { STAGING_COLUMNS, toCopyLines, type IntakeRow } from './adoption-staging.js';
import { csvFileError, csvRows, decodeToUtf8, type CsvEncoding } from './csv-source.js';
import { flagImplausibleJumps } from './data-quality.js';

export type IntakeChannel = 'API' | 'IMPORT';

export interface IntakeOptions {
  channel: IntakeChannel;
  /** Null for the operator's command line, which acts with a regulator's reach. */
  user: AuthUser | null;
  dryRun: boolean;
  allOrNothing: boolean;
  fileName?: string;
}

export interface IntakeError {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export interface IntakeSummary {
  batchId: string | null;
  dryRun: boolean;
  applied: boolean;
  rowsRead: number;
  inserted: number;
  revised: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  errors: IntakeError[];
  errorsTruncated: boolean;
}

/** Enough to fix a file; the count of all rejected rows is always exact. */
export const MAX_REPORTED_ERRORS = 1000;
// One merge at a time: revisions are numbered from the latest one, so two concurrent merges of the same key
// must not both compute "latest + 1". Imports are minutes apart in practice; reads never wait on this lock.
const MERGE_LOCK = 7_346_251_002;

/**
 * Every check a row must pass, first failure wins; each names its column. Runs once over the whole staged
 * batch (set-based), never row by row in Node.
 */
const CHECK_SQL = `
  CREATE TEMP TABLE adoption_checked ON COMMIT DROP AS
  WITH parsed AS (
    SELECT s.*,
           i.code AS i_code, i.unit AS i_unit, i.reporting_level AS i_level, i.min_value AS i_min, i.max_value AS i_max,
           h.id AS h_id, h.registered_from AS h_from, h.registered_until AS h_until, r.code AS r_code, r.level AS r_level,
           CASE WHEN s.period ~ '^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$' THEN (s.period || '-01')::date END AS period_date,
           CASE WHEN i.unit = 'BOOLEAN' THEN
                  CASE lower(btrim(s.value)) WHEN '1' THEN '1' WHEN 'yes' THEN '1' WHEN 'true' THEN '1' WHEN '是' THEN '1'
                                             WHEN '0' THEN '0' WHEN 'no' THEN '0' WHEN 'false' THEN '0' WHEN '否' THEN '0'
                                             ELSE btrim(s.value) END
                ELSE btrim(s.value) END AS value_text,
           btrim(s.numerator) AS numerator_text, btrim(s.denominator) AS denominator_text,
           coalesce(s.hospital_id, s.region_code) AS unit_id
      FROM adoption_staging s
      LEFT JOIN indicator i ON i.code = s.indicator_code
      LEFT JOIN hospital h ON h.id = s.hospital_id
      LEFT JOIN region r ON r.code = s.region_code
  ), numbers AS (
    SELECT p.*,
           CASE WHEN value_text ~ '^-?[0-9]{1,15}(\\.[0-9]{1,10})?$' THEN value_text::numeric END AS value_num,
           CASE WHEN numerator_text ~ '^-?[0-9]{1,15}(\\.[0-9]{1,10})?$' THEN numerator_text::numeric END AS numerator_num,
           CASE WHEN denominator_text ~ '^-?[0-9]{1,15}(\\.[0-9]{1,10})?$' THEN denominator_text::numeric END AS denominator_num,
           count(*) OVER (PARTITION BY unit_id, indicator_code, period) AS key_count
      FROM parsed p
  ), judged AS (
    SELECT n.*,
      CASE
        WHEN parse_error IS NOT NULL THEN ARRAY['MALFORMED_ROW', NULL, parse_error]
        WHEN indicator_code IS NULL THEN ARRAY['MISSING_INDICATOR', 'indicator_code', 'indicator_code is empty']
        WHEN i_code IS NULL THEN ARRAY['UNKNOWN_INDICATOR', 'indicator_code', format('no indicator %s', indicator_code)]
        WHEN hospital_id IS NULL AND region_code IS NULL THEN
          ARRAY['MISSING_UNIT', 'hospital_id', 'give hospital_id (hospital indicators) or region_code (regional ones)']
        WHEN hospital_id IS NOT NULL AND region_code IS NOT NULL THEN
          ARRAY['AMBIGUOUS_UNIT', 'region_code', 'give hospital_id or region_code, not both']
        WHEN hospital_id IS NOT NULL AND h_id IS NULL THEN
          ARRAY['UNKNOWN_HOSPITAL', 'hospital_id', format('no hospital %s in the registry', hospital_id)]
        WHEN region_code IS NOT NULL AND r_code IS NULL THEN
          ARRAY['UNKNOWN_REGION', 'region_code', format('no region %s', region_code)]
        WHEN i_level = 'HOSPITAL' AND h_id IS NULL THEN
          ARRAY['UNIT_MISMATCH', 'region_code', format('%s is reported per hospital: give hospital_id', i_code)]
        WHEN i_level = 'REGION' AND (r_code IS NULL OR r_level <> 'PROVINCE') THEN
          ARRAY['UNIT_MISMATCH', coalesce(CASE WHEN h_id IS NOT NULL THEN 'hospital_id' END, 'region_code'),
                format('%s is reported per province: give a province region_code', i_code)]
        WHEN i_level = 'NATION' AND (r_code IS NULL OR r_level <> 'NATION') THEN
          ARRAY['UNIT_MISMATCH', coalesce(CASE WHEN h_id IS NOT NULL THEN 'hospital_id' END, 'region_code'),
                format('%s is reported nationally: give region_code 100000', i_code)]
        WHEN period IS NULL THEN ARRAY['MALFORMED_PERIOD', 'period', 'period is empty: write the month as YYYY-MM']
        WHEN period_date IS NULL THEN
          ARRAY['MALFORMED_PERIOD', 'period', format('"%s" is not a month: write it as YYYY-MM', period)]
        WHEN period_date >= date_trunc('month', $1::date) THEN
          ARRAY['FUTURE_PERIOD', 'period', format('%s has not ended yet: months are reported after they end', period)]
        WHEN h_id IS NOT NULL AND (h_from >= period_date + interval '1 month' OR h_until <= period_date) THEN
          ARRAY['UNIT_NOT_REGISTERED', 'hospital_id', format('hospital %s is not in the registry for %s', h_id, period)]
        WHEN i_unit = 'RATIO' AND value_text IS NOT NULL THEN
          ARRAY['UNEXPECTED_VALUE', 'value', format('%s takes numerator and denominator, not value', i_code)]
        WHEN i_unit = 'RATIO' AND numerator_text IS NULL THEN ARRAY['MISSING_VALUE', 'numerator', 'numerator is empty']
        WHEN i_unit = 'RATIO' AND denominator_text IS NULL THEN ARRAY['MISSING_VALUE', 'denominator', 'denominator is empty']
        WHEN i_unit = 'RATIO' AND numerator_num IS NULL THEN
          ARRAY['MALFORMED_VALUE', 'numerator', format('"%s" is not a number', numerator_text)]
        WHEN i_unit = 'RATIO' AND denominator_num IS NULL THEN
          ARRAY['MALFORMED_VALUE', 'denominator', format('"%s" is not a number', denominator_text)]
        WHEN i_unit = 'RATIO' AND (numerator_num <> trunc(numerator_num) OR numerator_num < 0) THEN
          ARRAY['VALUE_OUT_OF_RANGE', 'numerator', 'numerator must be a whole number of institutions, 0 or more']
        WHEN i_unit = 'RATIO' AND (denominator_num <> trunc(denominator_num) OR denominator_num <= 0) THEN
          ARRAY['VALUE_OUT_OF_RANGE', 'denominator', 'denominator must be a whole number of institutions, 1 or more']
        WHEN i_unit = 'RATIO' AND numerator_num > denominator_num THEN
          ARRAY['VALUE_OUT_OF_RANGE', 'numerator', format('numerator %s exceeds denominator %s', numerator_num, denominator_num)]
        WHEN i_unit <> 'RATIO' AND (numerator_text IS NOT NULL OR denominator_text IS NOT NULL) THEN
          ARRAY['UNEXPECTED_VALUE', CASE WHEN numerator_text IS NOT NULL THEN 'numerator' ELSE 'denominator' END,
                format('%s takes a single value', i_code)]
        WHEN i_unit <> 'RATIO' AND value_text IS NULL THEN ARRAY['MISSING_VALUE', 'value', 'value is empty']
        WHEN i_unit <> 'RATIO' AND value_num IS NULL THEN
          ARRAY['MALFORMED_VALUE', 'value', CASE WHEN i_unit = 'BOOLEAN'
            THEN format('"%s" is not 1/0 (yes/no, 是/否)', value_text) ELSE format('"%s" is not a number', value_text) END]
        WHEN i_unit <> 'RATIO' AND (value_num < i_min OR value_num > i_max) THEN
          ARRAY['VALUE_OUT_OF_RANGE', 'value',
                format('%s is outside %s to %s for %s', value_num, i_min, coalesce(i_max::text, 'any'), i_code)]
        WHEN i_unit = 'COUNT' AND value_num <> trunc(value_num) THEN
          ARRAY['VALUE_OUT_OF_RANGE', 'value', format('%s counts whole units, not %s', i_code, value_num)]
        WHEN i_unit = 'CNY' AND value_num <> round(value_num, 2) THEN
          ARRAY['VALUE_OUT_OF_RANGE', 'value', 'amounts in yuan have at most two decimals (fen)']
        WHEN key_count > 1 THEN
          ARRAY['DUPLICATE_KEY', 'period', 'the same unit, indicator and month is given on more than one line']
        WHEN (period_date + interval '1 month')::date + $2::int <= $1::date AND NOT EXISTS (
               SELECT 1 FROM reporting_window_exception e
                WHERE e.period = period_date AND (e.unit_id IS NULL OR e.unit_id = n.unit_id) AND e.open_until > $3)
          THEN ARRAY['REPORTING_WINDOW_CLOSED', 'period',
                format('the reporting window for %s closed at the end of %s (%s days after the month ended); a regulator can open an exception',
                period, (period_date + interval '1 month')::date + $2::int - 1, $2)]
      END AS problem
    FROM numbers n
  )
  SELECT line, hospital_id, region_code, unit_id, indicator_code, period_date, i_unit,
         CASE WHEN i_unit = 'RATIO' THEN NULL ELSE value_num END AS value,
         CASE WHEN i_unit = 'RATIO' THEN numerator_num END AS numerator,
         CASE WHEN i_unit = 'RATIO' THEN denominator_num END AS denominator,
         problem[1] AS error_code, problem[2] AS error_column, problem[3] AS error_message
    FROM judged`;

/** Names the other lines of each duplicated key; a separate pass because duplicates are few. */
const DUPLICATE_LINES_SQL = `
  UPDATE adoption_checked c SET error_message = format('the same unit, indicator and month is given on lines %s', d.lines)
    FROM (SELECT unit_id, indicator_code, period_date, string_agg(line::text, ', ' ORDER BY line) AS lines
            FROM adoption_checked WHERE error_code = 'DUPLICATE_KEY' GROUP BY 1, 2, 3) d
   WHERE c.error_code = 'DUPLICATE_KEY' AND c.unit_id = d.unit_id AND c.indicator_code = d.indicator_code
     AND c.period_date IS NOT DISTINCT FROM d.period_date`;

/**
 * Writes only what changed: a key never seen gets revision 1, a key whose latest value differs gets the next
 * revision, an equal value writes nothing. So re-importing the same file changes nothing.
 */
const MERGE_SQL = `
  WITH latest AS (
    SELECT DISTINCT ON (r.unit_id, r.indicator_code, r.period)
           r.unit_id, r.indicator_code, r.period, r.revision, r.value, r.numerator, r.denominator
      FROM adoption_report r
      JOIN adoption_checked c ON c.error_code IS NULL
       AND r.unit_id = c.unit_id AND r.indicator_code = c.indicator_code AND r.period = c.period_date
     ORDER BY r.unit_id, r.indicator_code, r.period, r.revision DESC
  ), written AS (
    INSERT INTO adoption_report (hospital_id, region_code, indicator_code, period, revision, value, numerator,
                                 denominator, reported_by, reported_at, batch_id)
    SELECT c.hospital_id, c.region_code, c.indicator_code, c.period_date, coalesce(l.revision, 0) + 1, c.value,
           c.numerator, c.denominator, $1, statement_timestamp(), $2
      FROM adoption_checked c
      LEFT JOIN latest l ON l.unit_id = c.unit_id AND l.indicator_code = c.indicator_code AND l.period = c.period_date
     WHERE c.error_code IS NULL
       AND (l.revision IS NULL OR (l.value, l.numerator, l.denominator) IS DISTINCT FROM (c.value, c.numerator, c.denominator))
    RETURNING revision
  )
  SELECT count(*) FILTER (WHERE revision = 1)::int AS inserted, count(*) FILTER (WHERE revision > 1)::int AS revised
    FROM written`;

/**
 * The one path by which adoption data enters: the GraphQL batch, the CSV upload and the command line all
 * stage rows, check them together in SQL, and merge the good ones in one statement, inside one transaction.
 */
@Injectable()
export class AdoptionIntakeService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intakeRows(given: IntakeRow[], options: IntakeOptions): Promise<IntakeSummary> {
    const rows = given.map(normaliseRow);
    return this.intake(options, async (runner) => {
      if (rows.length === 0) return;
      const columns = STAGING_COLUMNS.map((c) => c.name);
      await runner.query(
        `INSERT INTO adoption_staging (${columns.join(', ')})
         SELECT * FROM unnest(${STAGING_COLUMNS.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`,
        STAGING_COLUMNS.map((c) => rows.map((row) => row[c.key] ?? null)),
      );
    });
  }

  /** A CSV file streamed from its bytes into PostgreSQL with COPY: memory does not grow with the file. */
  async intakeCsv(input: Readable, encoding: CsvEncoding, options: IntakeOptions): Promise<IntakeSummary> {
    return this.intake(options, async (runner) => {
      try {
        // Decode (which reads ahead to detect the encoding) before COPY starts: a connection in COPY mode
        // answers nothing else until the COPY ends, so COPY must begin inside pipeline(), which on any
        // failure (a broken file, a client gone) destroys it, sending CopyFail, and the rollback can run.
        const text = await decodeToUtf8(input, encoding);
        const client = (await runner.connect()) as PoolClient;
        const copy = client.query(
          copyFrom(`COPY adoption_staging (${STAGING_COLUMNS.map((c) => c.name).join(', ')}) FROM STDIN`),
        );
        const [parser, mapper] = csvRows();
        await pipeline(text, parser, mapper, toCopyLines(), copy);
      } catch (error) {
        throw csvFileError(error);
      }
    });
  }

  private async intake(
    options: IntakeOptions,
    stage: (runner: QueryRunner) => Promise<void>,
  ): Promise<IntakeSummary> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let committed = false;
    try {
      // No statement timeout here: a large import is one long transaction by design. The checks sort and hash
      // the whole batch: enough work_mem keeps that in memory rather than in temporary files.
      await runner.query(`SET LOCAL statement_timeout = 0`);
      await runner.query(`SET LOCAL work_mem = '128MB'`);
      await runner.query(
        `CREATE TEMP TABLE adoption_staging (${STAGING_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})
         ON COMMIT DROP`,
      );
      await stage(runner);
      await this.authorize(runner, options.user);

      const [{ today, now }] = await runner.query(
        `SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS today, now() AS now`,
      );
      await runner.query(CHECK_SQL, [today, this.config.adoption.reportingWindowDays, now]);
      await runner.query(DUPLICATE_LINES_SQL);
      const [{ rows_read, rejected }] = await runner.query(
        `SELECT count(*)::int AS rows_read, count(*) FILTER (WHERE error_code IS NOT NULL)::int AS rejected
           FROM adoption_checked`,
      );
      const errors: IntakeError[] = await runner.query(
        `SELECT line, error_column AS column, error_code AS code, error_message AS message
           FROM adoption_checked WHERE error_code IS NOT NULL ORDER BY line LIMIT ${MAX_REPORTED_ERRORS}`,
      );
      const summary: IntakeSummary = {
        batchId: null,
        dryRun: options.dryRun,
        applied: false,
        rowsRead: rows_read,
        inserted: 0,
        revised: 0,
        unchanged: 0,
        rejected,
        warnings: 0,
        errors,
        errorsTruncated: rejected > errors.length,
      };
      if (options.allOrNothing && rejected > 0) return summary;

      await runner.query(`SELECT pg_advisory_xact_lock($1)`, [MERGE_LOCK]);
      const batchId = randomUUID();
      await runner.query(
        `INSERT INTO adoption_batch (id, channel, file_name, submitted_by, all_or_nothing, rows_read, inserted,
                                     revised, unchanged, rejected, warnings)
         VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, $7, 0)`,
        [
          batchId,
          options.channel,
          options.fileName ?? null,
          options.user?.id ?? null,
          options.allOrNothing,
          rows_read,
          rejected,
        ],
      );
      // reported_at is the merge statement's start, after the lock: revision order and time order agree.
      const [{ inserted, revised }] = await runner.query(MERGE_SQL, [options.user?.id ?? null, batchId]);
      const warnings = await flagImplausibleJumps(runner, batchId);
      Object.assign(summary, {
        batchId,
        inserted,
        revised,
        warnings,
        unchanged: rows_read - rejected - inserted - revised,
      });
      await runner.query(
        `UPDATE adoption_batch SET inserted = $2, revised = $3, unchanged = $4, warnings = $5 WHERE id = $1`,
        [batchId, inserted, revised, summary.unchanged, warnings],
      );
      if (!options.dryRun) {
        await runner.commitTransaction();
        committed = true;
        summary.applied = true;
      } else {
        summary.batchId = null;
      }
      return summary;
    } finally {
      if (!committed) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** A HOSPITAL user reports for its own hospital only: one row for another unit refuses the whole batch. */
  private async authorize(runner: QueryRunner, user: AuthUser | null): Promise<void> {
    if (!user || user.role === 'REGULATOR' || user.role === 'ADMIN') return;
    if (user.role !== 'HOSPITAL' || !user.hospitalId)
      throw AppError.forbidden('Only hospitals and regulators report');
    const foreign: { line: number }[] = await runner.query(
      `SELECT line FROM adoption_staging WHERE hospital_id IS DISTINCT FROM $1 ORDER BY line LIMIT 10`,
      [user.hospitalId],
    );
    if (foreign.length) {
      throw new AppError(
        'FORBIDDEN',
        `You report for hospital ${user.hospitalId} only; line(s) ${foreign.map((f) => f.line).join(', ')} are for another unit`,
        { field: 'hospital_id', lines: foreign.map((f) => f.line) },
      );
    }
  }
}

/** As the CSV path does: trimmed texts, empty as absent, and a NUL (which PostgreSQL text cannot hold) refused. */
function normaliseRow(row: IntakeRow): IntakeRow {
  const out: IntakeRow = { line: row.line };
  for (const [key, value] of Object.entries(row) as [keyof IntakeRow, unknown][]) {
    if (key === 'line' || typeof value !== 'string') continue;
    if (value.includes('\0')) {
      out.parseError = `${key} contains a NUL character`;
      continue;
    }
    const text = value.trim();
    if (text) (out as unknown as Record<string, string>)[key] = text;
  }
  return out;
}
