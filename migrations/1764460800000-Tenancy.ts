import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy in depth: the application runs as `yardstick_app`, a role that owns nothing, may not change what is
 * immutable, and sees company-owned rows only through row-level security. Each transaction says whose rows it
 * may see with `SET LOCAL yardstick.tenant` (set_config(…, true)): a company's id, '*' for regulators and jobs,
 * or nothing, in which case no company row comes back. FORCE makes the owner subject to the policies too
 * (superusers never are: migrations and seeds run as the owner).
 *
 * Two questions a company's filing must ask across companies (is this contract or invoice claimed by another
 * application; how much of the programme's pool is committed) are SQL functions that widen the tenant for their
 * own statement only (a function's SET clause) and answer without naming other companies' applications.
 */
const COMPANY_TABLES = ['subsidy_application', 'subsidy_ledger_entry', 'company_affiliation'];
const APPLICATION_TABLES = ['compute_contract', 'invoice', 'application_document'];
// Append-only for the app: history, scores, reports and the money ledger (a correction is a new entry).
const IMMUTABLE_TABLES = [
  'audit_event',
  'compliance_snapshot',
  'compliance_result',
  'report',
  'subsidy_ledger_entry',
];

const TENANT = `current_setting('yardstick.tenant', true)`;
const SEES_COMPANY = (column: string) =>
  `(${TENANT} = '*' OR ${column} = nullif(nullif(${TENANT}, ''), '*')::uuid)`;

export class Tenancy1764460800000 implements MigrationInterface {
  name = 'Tenancy1764460800000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the cluster: another database's migration may have made it, maybe at this very moment.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE yardstick_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO yardstick_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO yardstick_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO yardstick_app`);
    await q.query(`REVOKE ALL ON TABLE migrations FROM yardstick_app`);
    for (const table of IMMUTABLE_TABLES) {
      await q.query(`REVOKE UPDATE, DELETE ON TABLE ${table} FROM yardstick_app`);
    }
    // Tables of later migrations (run by the same owner) are granted the same way.
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO yardstick_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO yardstick_app`,
    );

    for (const table of [...COMPANY_TABLES, ...APPLICATION_TABLES]) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    for (const table of COMPANY_TABLES) {
      await q.query(`CREATE POLICY tenant ON ${table} USING ${SEES_COMPANY('company_id')}
                       WITH CHECK ${SEES_COMPANY('company_id')}`);
    }
    // Lines and documents belong to their application: visible when the application is (its own policy applies).
    for (const table of APPLICATION_TABLES) {
      const owned = `EXISTS (SELECT 1 FROM subsidy_application a WHERE a.id = ${table}.application_id)`;
      await q.query(`CREATE POLICY tenant ON ${table} USING (${owned}) WITH CHECK (${owned})`);
    }

    await q.query(`
      CREATE FUNCTION subsidy_stacked_claims(p_application uuid)
        RETURNS TABLE (number text, kind text, application_id uuid, program_code text)
        LANGUAGE sql STABLE SET yardstick.tenant = '*' AS $$
        WITH me AS (SELECT company_id FROM subsidy_application WHERE id = p_application),
        claims AS (
          SELECT c.contract_number AS number, 'contract' AS kind, o.id, o.program_code, o.company_id
            FROM compute_contract c JOIN compute_contract oc ON oc.contract_number = c.contract_number
            JOIN subsidy_application o ON o.id = oc.application_id
           WHERE c.application_id = p_application AND o.id <> p_application
             AND o.state IN ('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REDEMPTION_SUBMITTED', 'PAID')
          UNION ALL
          SELECT i.invoice_number, 'invoice', o.id, o.program_code, o.company_id
            FROM invoice i JOIN invoice oi ON oi.invoice_number = i.invoice_number
            JOIN subsidy_application o ON o.id = oi.application_id
           WHERE i.application_id = p_application AND o.id <> p_application
             AND o.state IN ('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REDEMPTION_SUBMITTED', 'PAID'))
        -- Another company's application is not named: its id would read as not found anyway.
        SELECT k.number, k.kind, CASE WHEN k.company_id = me.company_id THEN k.id END, k.program_code
          FROM claims k CROSS JOIN me
      $$`);
    await q.query(`
      CREATE FUNCTION subsidy_pool_committed(p_program text, p_budget_year int) RETURNS numeric
        LANGUAGE sql STABLE SET yardstick.tenant = '*' AS $$
        SELECT coalesce(sum(CASE kind WHEN 'RESERVED' THEN amount WHEN 'RELEASED' THEN -amount
                                      WHEN 'CLAWED_BACK' THEN -amount ELSE 0 END), 0)::numeric(18,2)
          FROM subsidy_ledger_entry WHERE program_code = p_program AND budget_year = p_budget_year
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION subsidy_pool_committed(text, int)`);
    await q.query(`DROP FUNCTION subsidy_stacked_claims(uuid)`);
    for (const table of [...COMPANY_TABLES, ...APPLICATION_TABLES]) {
      await q.query(`DROP POLICY tenant ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM yardstick_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM yardstick_app`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM yardstick_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM yardstick_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM yardstick_app`);
    // The role stays: other databases of the cluster may use it.
  }
}
