import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compliance snapshots (immutable scoring results) and the job-run history that coordinates scheduled jobs
 * across replicas. A snapshot and its results are written in one transaction, so a killed run leaves nothing.
 */
export class Compliance1764288000000 implements MigrationInterface {
  name = 'Compliance1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_run (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        job             text NOT NULL,
        period          text NOT NULL,
        trigger         text NOT NULL,
        attempt         integer NOT NULL,
        replica         text NOT NULL,
        outcome         text NOT NULL,
        started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at     timestamptz,
        error           text,
        retry_after     timestamptz,
        result          jsonb,
        CONSTRAINT job_run_pk PRIMARY KEY (id),
        CONSTRAINT job_run_job_ck CHECK (job IN ('MONTHLY_SCORING', 'MONTHLY_REPORTS', 'DAILY_DATA_QUALITY')),
        CONSTRAINT job_run_trigger_ck CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'SEED')),
        CONSTRAINT job_run_outcome_ck CHECK (outcome IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED')),
        CONSTRAINT job_run_attempt_ck CHECK (attempt >= 1),
        CONSTRAINT job_run_finished_ck CHECK ((outcome = 'RUNNING') = (finished_at IS NULL))
      )`);
    // Exactly once: at most one successful scheduled (or seeded) run of a job per period, whatever the replicas do.
    await q.query(`
      CREATE UNIQUE INDEX job_run_once_uq ON job_run (job, period)
       WHERE outcome = 'SUCCEEDED' AND trigger <> 'MANUAL'`);
    await q.query(`CREATE INDEX job_run_job_period_ix ON job_run (job, period, started_at)`);
    await q.query(`CREATE INDEX job_run_started_ix ON job_run (started_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE compliance_snapshot (
        id                  uuid NOT NULL DEFAULT gen_random_uuid(),
        period              date NOT NULL,
        data_cutoff         timestamptz NOT NULL,
        methodology_version text NOT NULL,
        staleness_months    integer NOT NULL,
        history_months      integer NOT NULL,
        trigger             text NOT NULL,
        job_run_id          uuid,
        created_by          uuid,
        created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        synthetic           boolean NOT NULL,
        CONSTRAINT compliance_snapshot_pk PRIMARY KEY (id),
        CONSTRAINT compliance_snapshot_job_fk FOREIGN KEY (job_run_id) REFERENCES job_run (id),
        CONSTRAINT compliance_snapshot_user_fk FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT compliance_snapshot_period_ck CHECK (extract(day FROM period) = 1),
        CONSTRAINT compliance_snapshot_trigger_ck CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'SEED'))
      )`);
    await q.query(
      `CREATE INDEX compliance_snapshot_period_ix ON compliance_snapshot (period, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX compliance_snapshot_created_ix ON compliance_snapshot (created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE compliance_result (
        snapshot_id        uuid    NOT NULL,
        target_code        text    NOT NULL,
        target_version_id  uuid    NOT NULL,
        region_code        char(6) NOT NULL,
        status             text    NOT NULL,
        method             text    NOT NULL,
        measured_value     numeric,
        numerator          numeric,
        denominator        numeric,
        reporting_units    integer NOT NULL,
        in_scope_units     integer NOT NULL,
        coverage           numeric,
        baseline_period    date,
        baseline_value     numeric,
        threshold          numeric NOT NULL,
        expected_value     numeric,
        projected_value    numeric,
        projection_points  integer NOT NULL,
        growth_ratio       numeric,
        rank               integer,
        history            jsonb   NOT NULL,
        explanation        text    NOT NULL,
        CONSTRAINT compliance_result_pk PRIMARY KEY (snapshot_id, target_code, region_code),
        CONSTRAINT compliance_result_snapshot_fk FOREIGN KEY (snapshot_id) REFERENCES compliance_snapshot (id),
        CONSTRAINT compliance_result_version_fk FOREIGN KEY (target_version_id) REFERENCES target_version (id),
        CONSTRAINT compliance_result_region_fk FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT compliance_result_status_ck CHECK (status IN
          ('ACHIEVED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'MISSED', 'NO_DATA')),
        CONSTRAINT compliance_result_method_ck CHECK (method IN ('LINEAR', 'PIECEWISE', 'GROWTH_RATIO')),
        CONSTRAINT compliance_result_units_ck CHECK (reporting_units >= 0 AND in_scope_units >= 0)
      )`);
    await q.query(`CREATE INDEX compliance_result_target_ix ON compliance_result (target_code, snapshot_id)`);

    // Snapshots are evidence: once written they are never changed or removed.
    await q.query(`
      CREATE FUNCTION compliance_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is immutable', TG_TABLE_NAME; END $$`);
    for (const table of ['compliance_snapshot', 'compliance_result']) {
      await q.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION compliance_immutable()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compliance_result`);
    await q.query(`DROP TABLE compliance_snapshot`);
    await q.query(`DROP FUNCTION compliance_immutable()`);
    await q.query(`DROP TABLE job_run`);
  }
}
