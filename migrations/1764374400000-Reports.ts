import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report archive: every rendered PDF with its sha256, size, page count, language, template version and the
 * snapshot it was made from. A report is never changed; the same snapshot, kind, language and template give the
 * same bytes, so they are stored once.
 */
export class Reports1764374400000 implements MigrationInterface {
  name = 'Reports1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report (
        id               uuid    NOT NULL DEFAULT gen_random_uuid(),
        kind             text    NOT NULL,
        period           date    NOT NULL,
        language         text    NOT NULL,
        snapshot_id      uuid    NOT NULL,
        template_version text    NOT NULL,
        sha256           char(64) NOT NULL,
        size_bytes       integer NOT NULL,
        page_count       integer NOT NULL,
        content          bytea   NOT NULL,
        trigger          text    NOT NULL,
        job_run_id       uuid,
        created_by       uuid,
        created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        synthetic        boolean NOT NULL,
        CONSTRAINT report_pk PRIMARY KEY (id),
        CONSTRAINT report_snapshot_fk FOREIGN KEY (snapshot_id) REFERENCES compliance_snapshot (id),
        CONSTRAINT report_job_fk FOREIGN KEY (job_run_id) REFERENCES job_run (id),
        CONSTRAINT report_user_fk FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT report_kind_ck CHECK (kind IN ('NATIONAL_MONTHLY', 'BEIJING_SUBSIDY_MONTHLY')),
        CONSTRAINT report_language_ck CHECK (language IN ('zh-CN', 'en')),
        CONSTRAINT report_trigger_ck CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'SEED')),
        CONSTRAINT report_period_ck CHECK (extract(day FROM period) = 1),
        CONSTRAINT report_sha256_ck CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT report_size_ck CHECK (size_bytes = octet_length(content) AND page_count > 0),
        CONSTRAINT report_rendering_uq UNIQUE (kind, language, snapshot_id, template_version)
      )`);
    await q.query(`CREATE INDEX report_created_ix ON report (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX report_period_ix ON report (period, kind, language)`);
    await q.query(`
      CREATE TRIGGER report_immutable BEFORE UPDATE OR DELETE ON report
      FOR EACH ROW EXECUTE FUNCTION compliance_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report`);
  }
}
