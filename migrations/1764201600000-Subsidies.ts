import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compute-subsidy programmes with dated rule versions, applications with their contracts, invoices and
 * documents, the ledger of amounts, the hash-chained audit trail and idempotency keys. Money is numeric(18,2):
 * yuan with exact fen, never a float.
 */
export class Subsidies1764201600000 implements MigrationInterface {
  name = 'Subsidies1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subsidy_program (
        code            text    NOT NULL,
        name_zh         text    NOT NULL,
        name_en         text    NOT NULL,
        issuer_en       text    NOT NULL,
        region_code     char(6) NOT NULL,
        window_start    date    NOT NULL,
        window_end      date    NOT NULL,
        authority_level text    NOT NULL,
        confidence      text    NOT NULL,
        source          text    NOT NULL,
        CONSTRAINT subsidy_program_pk PRIMARY KEY (code),
        CONSTRAINT subsidy_program_region_fk FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT subsidy_program_window_ck CHECK (window_start <= window_end),
        CONSTRAINT subsidy_program_authority_ck CHECK (authority_level IN
          ('NATIONAL_GOVERNMENT', 'MUNICIPAL_GOVERNMENT', 'DISTRICT_GOVERNMENT', 'INDUSTRY_INITIATIVE')),
        CONSTRAINT subsidy_program_confidence_ck CHECK (confidence IN
          ('PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED'))
      )`);

    await q.query(`
      CREATE TABLE subsidy_rule_version (
        id                     uuid    NOT NULL DEFAULT gen_random_uuid(),
        program_code           text    NOT NULL,
        effective_from         date    NOT NULL,
        rate                   numeric(7,6) NOT NULL,
        per_claim_cap          numeric(18,2),
        company_cap            numeric(18,2),
        company_cap_period     text    NOT NULL,
        yearly_pool            numeric(18,2),
        eligible_cost_types    text[]  NOT NULL,
        required_documents     text[]  NOT NULL,
        source                 text    NOT NULL,
        confidence             text    NOT NULL,
        assumption             text,
        created_by             uuid,
        created_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subsidy_rule_version_pk PRIMARY KEY (id),
        CONSTRAINT subsidy_rule_version_program_fk FOREIGN KEY (program_code) REFERENCES subsidy_program (code),
        CONSTRAINT subsidy_rule_version_user_fk FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT subsidy_rule_version_effective_uq UNIQUE (program_code, effective_from),
        CONSTRAINT subsidy_rule_version_rate_ck CHECK (rate > 0 AND rate <= 1),
        CONSTRAINT subsidy_rule_version_caps_ck CHECK (
          (per_claim_cap IS NULL OR per_claim_cap > 0) AND (company_cap IS NULL OR company_cap > 0)
          AND (yearly_pool IS NULL OR yearly_pool > 0)),
        CONSTRAINT subsidy_rule_version_period_ck CHECK (company_cap_period IN ('YEAR', 'PROGRAM')),
        CONSTRAINT subsidy_rule_version_confidence_ck CHECK (confidence IN
          ('PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED'))
      )`);

    await q.query(`
      CREATE TABLE company_affiliation (
        company_id      uuid     NOT NULL,
        affiliated_uscc char(18) NOT NULL,
        affiliated_name text     NOT NULL,
        relation        text     NOT NULL,
        CONSTRAINT company_affiliation_pk PRIMARY KEY (company_id, affiliated_uscc),
        CONSTRAINT company_affiliation_company_fk FOREIGN KEY (company_id) REFERENCES company (id)
      )`);

    await q.query(`
      CREATE TABLE subsidy_application (
        id                       uuid    NOT NULL DEFAULT gen_random_uuid(),
        program_code             text    NOT NULL,
        company_id               uuid    NOT NULL,
        state                    text    NOT NULL,
        model_name               text    NOT NULL,
        model_category           text    NOT NULL,
        competitiveness_evidence text    NOT NULL,
        rule_version_id          uuid,
        submitted_at             timestamptz,
        eligible_cost            numeric(18,2),
        requested_amount         numeric(18,2),
        approved_amount          numeric(18,2),
        paid_amount              numeric(18,2),
        clawed_back_amount       numeric(18,2),
        budget_year              integer,
        created_by               uuid    NOT NULL,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        synthetic                boolean NOT NULL DEFAULT false,
        CONSTRAINT subsidy_application_pk PRIMARY KEY (id),
        CONSTRAINT subsidy_application_program_fk FOREIGN KEY (program_code) REFERENCES subsidy_program (code),
        CONSTRAINT subsidy_application_company_fk FOREIGN KEY (company_id) REFERENCES company (id),
        CONSTRAINT subsidy_application_rule_fk FOREIGN KEY (rule_version_id) REFERENCES subsidy_rule_version (id),
        CONSTRAINT subsidy_application_user_fk FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT subsidy_application_state_ck CHECK (state IN ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED',
          'REJECTED', 'WITHDRAWN', 'REDEMPTION_SUBMITTED', 'PAID', 'CLAWED_BACK')),
        CONSTRAINT subsidy_application_category_ck CHECK (model_category IN
          ('MEDICAL_IMAGING', 'CLINICAL_DECISION_SUPPORT', 'MEDICAL_LARGE_MODEL', 'DRUG_DISCOVERY', 'NON_MEDICAL')),
        CONSTRAINT subsidy_application_amounts_ck CHECK (
          (eligible_cost IS NULL OR eligible_cost >= 0) AND (requested_amount IS NULL OR requested_amount >= 0)
          AND (approved_amount IS NULL OR approved_amount >= 0) AND (paid_amount IS NULL OR paid_amount >= 0)
          AND (clawed_back_amount IS NULL OR clawed_back_amount >= 0)),
        CONSTRAINT subsidy_application_submitted_ck CHECK ((state = 'DRAFT') = (submitted_at IS NULL)
          OR state = 'WITHDRAWN')
      )`);
    await q.query(`CREATE INDEX subsidy_application_company_ix ON subsidy_application (company_id, id)`);
    await q.query(
      `CREATE INDEX subsidy_application_program_state_ix ON subsidy_application (program_code, state)`,
    );

    await q.query(`
      CREATE TABLE compute_contract (
        id              uuid     NOT NULL DEFAULT gen_random_uuid(),
        application_id  uuid     NOT NULL,
        provider_name   text     NOT NULL,
        provider_uscc   char(18) NOT NULL,
        contract_number text     NOT NULL,
        cost_type       text     NOT NULL,
        start_date      date     NOT NULL,
        end_date        date     NOT NULL,
        amount          numeric(18,2) NOT NULL,
        CONSTRAINT compute_contract_pk PRIMARY KEY (id),
        CONSTRAINT compute_contract_application_fk FOREIGN KEY (application_id)
          REFERENCES subsidy_application (id) ON DELETE CASCADE,
        CONSTRAINT compute_contract_number_uq UNIQUE (application_id, contract_number),
        CONSTRAINT compute_contract_dates_ck CHECK (start_date <= end_date),
        CONSTRAINT compute_contract_amount_ck CHECK (amount > 0)
      )`);
    await q.query(`CREATE INDEX compute_contract_number_ix ON compute_contract (contract_number)`);

    await q.query(`
      CREATE TABLE invoice (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id  uuid NOT NULL,
        contract_number text NOT NULL,
        invoice_number  text NOT NULL,
        issued_on       date NOT NULL,
        amount          numeric(18,2) NOT NULL,
        CONSTRAINT invoice_pk PRIMARY KEY (id),
        CONSTRAINT invoice_application_fk FOREIGN KEY (application_id)
          REFERENCES subsidy_application (id) ON DELETE CASCADE,
        CONSTRAINT invoice_contract_fk FOREIGN KEY (application_id, contract_number)
          REFERENCES compute_contract (application_id, contract_number) ON DELETE CASCADE,
        CONSTRAINT invoice_number_uq UNIQUE (application_id, invoice_number),
        CONSTRAINT invoice_amount_ck CHECK (amount > 0)
      )`);
    await q.query(`CREATE INDEX invoice_number_ix ON invoice (invoice_number)`);

    await q.query(`
      CREATE TABLE application_document (
        id             uuid    NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid    NOT NULL,
        kind           text    NOT NULL,
        file_name      text    NOT NULL,
        media_type     text    NOT NULL,
        size_bytes     integer NOT NULL,
        sha256         char(64) NOT NULL,
        content        bytea   NOT NULL,
        uploaded_by    uuid    NOT NULL,
        uploaded_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_document_pk PRIMARY KEY (id),
        CONSTRAINT application_document_application_fk FOREIGN KEY (application_id) REFERENCES subsidy_application (id),
        CONSTRAINT application_document_user_fk FOREIGN KEY (uploaded_by) REFERENCES app_user (id),
        CONSTRAINT application_document_kind_ck CHECK (kind IN ('CONTRACT', 'INVOICE', 'DELIVERY_PROOF', 'MODEL_EVIDENCE')),
        CONSTRAINT application_document_size_ck CHECK (size_bytes > 0 AND size_bytes = octet_length(content))
      )`);
    await q.query(
      `CREATE INDEX application_document_application_ix ON application_document (application_id)`,
    );

    await q.query(`
      CREATE TABLE subsidy_ledger_entry (
        id             bigint  GENERATED ALWAYS AS IDENTITY,
        program_code   text    NOT NULL,
        company_id     uuid    NOT NULL,
        application_id uuid    NOT NULL,
        budget_year    integer NOT NULL,
        kind           text    NOT NULL,
        amount         numeric(18,2) NOT NULL,
        recorded_by    uuid    NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        reference      text,
        CONSTRAINT subsidy_ledger_entry_pk PRIMARY KEY (id),
        CONSTRAINT subsidy_ledger_entry_program_fk FOREIGN KEY (program_code) REFERENCES subsidy_program (code),
        CONSTRAINT subsidy_ledger_entry_company_fk FOREIGN KEY (company_id) REFERENCES company (id),
        CONSTRAINT subsidy_ledger_entry_application_fk FOREIGN KEY (application_id) REFERENCES subsidy_application (id),
        CONSTRAINT subsidy_ledger_entry_user_fk FOREIGN KEY (recorded_by) REFERENCES app_user (id),
        CONSTRAINT subsidy_ledger_entry_kind_ck CHECK (kind IN ('RESERVED', 'RELEASED', 'PAID', 'CLAWED_BACK')),
        CONSTRAINT subsidy_ledger_entry_amount_ck CHECK (amount > 0)
      )`);
    await q.query(
      `CREATE INDEX subsidy_ledger_entry_program_ix ON subsidy_ledger_entry (program_code, budget_year)`,
    );

    await q.query(`
      CREATE TABLE audit_event (
        seq         bigint NOT NULL,
        entity_type text   NOT NULL,
        entity_id   text   NOT NULL,
        action      text   NOT NULL,
        actor_id    uuid,
        at          timestamptz NOT NULL,
        payload     text   NOT NULL,
        prev_hash   char(64) NOT NULL,
        hash        char(64) NOT NULL,
        CONSTRAINT audit_event_pk PRIMARY KEY (seq),
        CONSTRAINT audit_event_hash_uq UNIQUE (hash)
      )`);
    await q.query(`CREATE INDEX audit_event_entity_ix ON audit_event (entity_id, seq)`);
    // Append-only: the application may insert and read, never change or remove a link of the chain.
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);

    await q.query(`
      CREATE TABLE idempotency_key (
        user_id      uuid NOT NULL,
        key          text NOT NULL,
        operation    text NOT NULL,
        request_hash char(64) NOT NULL,
        result_id    text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_key_pk PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_key_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id),
        CONSTRAINT idempotency_key_length_ck CHECK (length(key) BETWEEN 8 AND 200)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    for (const table of [
      'subsidy_ledger_entry',
      'application_document',
      'invoice',
      'compute_contract',
      'subsidy_application',
      'company_affiliation',
      'subsidy_rule_version',
      'subsidy_program',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
