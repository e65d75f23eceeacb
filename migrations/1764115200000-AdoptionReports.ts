import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly adoption reports as append-only revisions, the intake batches that wrote them, data-quality
 * warnings, and regulators' exceptions to the reporting window.
 */
export class AdoptionReports1764115200000 implements MigrationInterface {
  name = 'AdoptionReports1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE adoption_batch (
        id             uuid    NOT NULL DEFAULT gen_random_uuid(),
        channel        text    NOT NULL,
        file_name      text,
        submitted_by   uuid,
        submitted_at   timestamptz NOT NULL DEFAULT now(),
        all_or_nothing boolean NOT NULL,
        rows_read      integer NOT NULL,
        inserted       integer NOT NULL,
        revised        integer NOT NULL,
        unchanged      integer NOT NULL,
        rejected       integer NOT NULL,
        warnings       integer NOT NULL,
        CONSTRAINT adoption_batch_pk PRIMARY KEY (id),
        CONSTRAINT adoption_batch_user_fk FOREIGN KEY (submitted_by) REFERENCES app_user (id),
        CONSTRAINT adoption_batch_channel_ck CHECK (channel IN ('API', 'IMPORT', 'SEED')),
        CONSTRAINT adoption_batch_counts_ck CHECK (
          rows_read >= 0 AND inserted >= 0 AND revised >= 0 AND unchanged >= 0 AND rejected >= 0 AND warnings >= 0)
      )`);

    await q.query(`
      CREATE TABLE adoption_report (
        id             bigint  GENERATED ALWAYS AS IDENTITY,
        hospital_id    text,
        region_code    char(6),
        unit_id        text    GENERATED ALWAYS AS (coalesce(hospital_id, region_code::text)) STORED,
        indicator_code text    NOT NULL,
        period         date    NOT NULL,
        revision       integer NOT NULL,
        value          numeric,
        numerator      numeric,
        denominator    numeric,
        reported_by    uuid,
        reported_at    timestamptz NOT NULL DEFAULT now(),
        batch_id       uuid,
        synthetic      boolean NOT NULL DEFAULT false,
        CONSTRAINT adoption_report_pk PRIMARY KEY (id),
        CONSTRAINT adoption_report_hospital_fk FOREIGN KEY (hospital_id) REFERENCES hospital (id),
        CONSTRAINT adoption_report_region_fk FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT adoption_report_indicator_fk FOREIGN KEY (indicator_code) REFERENCES indicator (code),
        CONSTRAINT adoption_report_user_fk FOREIGN KEY (reported_by) REFERENCES app_user (id),
        CONSTRAINT adoption_report_batch_fk FOREIGN KEY (batch_id) REFERENCES adoption_batch (id),
        CONSTRAINT adoption_report_unit_ck CHECK ((hospital_id IS NULL) <> (region_code IS NULL)),
        CONSTRAINT adoption_report_period_ck CHECK (extract(day FROM period) = 1),
        CONSTRAINT adoption_report_revision_ck CHECK (revision >= 1),
        CONSTRAINT adoption_report_shape_ck CHECK (
          (value IS NOT NULL AND numerator IS NULL AND denominator IS NULL)
          OR (value IS NULL AND numerator IS NOT NULL AND denominator IS NOT NULL)),
        CONSTRAINT adoption_report_ratio_ck CHECK (
          denominator IS NULL OR (denominator > 0 AND numerator >= 0 AND numerator <= denominator)),
        CONSTRAINT adoption_report_revision_uq UNIQUE (unit_id, indicator_code, period, revision)
      )`);
    // Aggregates over all units of an indicator for a range of months (region series, completeness).
    await q.query(
      `CREATE INDEX adoption_report_indicator_period_ix ON adoption_report (indicator_code, period)`,
    );
    await q.query(
      `CREATE INDEX adoption_report_batch_ix ON adoption_report (batch_id) WHERE batch_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE adoption_warning (
        id             bigint GENERATED ALWAYS AS IDENTITY,
        report_id      bigint NOT NULL,
        kind           text   NOT NULL,
        previous_value numeric,
        value          numeric,
        message        text   NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT adoption_warning_pk PRIMARY KEY (id),
        CONSTRAINT adoption_warning_report_fk FOREIGN KEY (report_id) REFERENCES adoption_report (id),
        CONSTRAINT adoption_warning_kind_ck CHECK (kind IN ('IMPLAUSIBLE_JUMP')),
        CONSTRAINT adoption_warning_report_kind_uq UNIQUE (report_id, kind)
      )`);

    await q.query(`
      CREATE TABLE reporting_window_exception (
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        period      date NOT NULL,
        unit_id     text,
        open_until  timestamptz NOT NULL,
        reason      text NOT NULL,
        opened_by   uuid NOT NULL,
        opened_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reporting_window_exception_pk PRIMARY KEY (id),
        CONSTRAINT reporting_window_exception_user_fk FOREIGN KEY (opened_by) REFERENCES app_user (id),
        CONSTRAINT reporting_window_exception_period_ck CHECK (extract(day FROM period) = 1),
        CONSTRAINT reporting_window_exception_reason_ck CHECK (length(btrim(reason)) >= 5)
      )`);
    await q.query(`CREATE INDEX reporting_window_exception_period_ix ON reporting_window_exception (period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'reporting_window_exception',
      'adoption_warning',
      'adoption_report',
      'adoption_batch',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
