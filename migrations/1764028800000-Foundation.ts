import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry, policy library and accounts. Enumerations are text with named CHECK constraints rather than
 * PostgreSQL enum types, so that a later migration can widen one in a single statement inside a transaction.
 */
export class Foundation1764028800000 implements MigrationInterface {
  name = 'Foundation1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code         char(6) NOT NULL,
        parent_code  char(6),
        level        text    NOT NULL,
        name_zh      text    NOT NULL,
        name_en      text    NOT NULL,
        population_thousands integer,
        CONSTRAINT region_pk PRIMARY KEY (code),
        CONSTRAINT region_parent_fk FOREIGN KEY (parent_code) REFERENCES region (code),
        CONSTRAINT region_code_format_ck CHECK (code ~ '^[0-9]{6}$'),
        CONSTRAINT region_level_ck CHECK (level IN ('NATION', 'PROVINCE', 'PREFECTURE', 'COUNTY')),
        CONSTRAINT region_root_ck CHECK ((level = 'NATION') = (parent_code IS NULL)),
        CONSTRAINT region_population_ck CHECK (population_thousands IS NULL OR population_thousands > 0)
      )`);
    await q.query(`CREATE INDEX region_parent_ix ON region (parent_code)`);

    await q.query(`
      CREATE TABLE hospital (
        id              text    NOT NULL,
        region_code     char(6) NOT NULL,
        name_zh         text    NOT NULL,
        name_en         text    NOT NULL,
        tier            text    NOT NULL,
        type            text    NOT NULL,
        registered_from date    NOT NULL,
        registered_until date,
        synthetic       boolean NOT NULL,
        CONSTRAINT hospital_pk PRIMARY KEY (id),
        CONSTRAINT hospital_region_fk FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT hospital_tier_ck CHECK (tier IN ('PRIMARY', 'SECONDARY', 'TERTIARY')),
        CONSTRAINT hospital_type_ck CHECK (type IN ('GENERAL', 'SPECIALIST', 'TCM', 'CANCER')),
        CONSTRAINT hospital_registration_ck CHECK (registered_until IS NULL OR registered_until > registered_from)
      )`);
    // Keyset pagination walks (region, id) for a province and (id) nationally.
    await q.query(`CREATE INDEX hospital_region_id_ix ON hospital (region_code, id)`);

    await q.query(`
      CREATE TABLE indicator (
        code            text NOT NULL,
        name_zh         text NOT NULL,
        name_en         text NOT NULL,
        definition_zh   text NOT NULL,
        definition_en   text NOT NULL,
        unit            text NOT NULL,
        reporting_level text NOT NULL,
        min_value       numeric,
        max_value       numeric,
        CONSTRAINT indicator_pk PRIMARY KEY (code),
        CONSTRAINT indicator_unit_ck CHECK (unit IN ('BOOLEAN', 'PERCENT', 'COUNT', 'RATIO', 'CNY')),
        CONSTRAINT indicator_level_ck CHECK (reporting_level IN ('HOSPITAL', 'REGION', 'NATION')),
        CONSTRAINT indicator_range_ck CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
      )`);

    await q.query(`
      CREATE TABLE policy (
        code            text NOT NULL,
        title_zh        text NOT NULL,
        title_en        text NOT NULL,
        issuer_zh       text NOT NULL,
        issuer_en       text NOT NULL,
        issued_on       date NOT NULL,
        authority_level text NOT NULL,
        confidence      text NOT NULL,
        summary_en      text NOT NULL,
        source_title    text NOT NULL,
        source_publisher text NOT NULL,
        source_date     date NOT NULL,
        source_url      text,
        verification_note text NOT NULL,
        CONSTRAINT policy_pk PRIMARY KEY (code),
        CONSTRAINT policy_authority_ck CHECK (authority_level IN
          ('NATIONAL_GOVERNMENT', 'MUNICIPAL_GOVERNMENT', 'DISTRICT_GOVERNMENT', 'INDUSTRY_INITIATIVE')),
        CONSTRAINT policy_confidence_ck CHECK (confidence IN
          ('PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED'))
      )`);

    await q.query(`
      CREATE TABLE target (
        code        text NOT NULL,
        policy_code text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT target_pk PRIMARY KEY (code),
        CONSTRAINT target_policy_fk FOREIGN KEY (policy_code) REFERENCES policy (code)
      )`);
    await q.query(`CREATE INDEX target_policy_ix ON target (policy_code)`);

    await q.query(`
      CREATE TABLE target_version (
        id                uuid    NOT NULL DEFAULT gen_random_uuid(),
        target_code       text    NOT NULL,
        effective_from    date    NOT NULL,
        title_zh          text    NOT NULL,
        title_en          text    NOT NULL,
        indicator_code    text    NOT NULL,
        scope_region_code char(6) NOT NULL,
        scope_tiers       text[]  NOT NULL,
        scope_types       text[]  NOT NULL,
        aggregation       text    NOT NULL,
        comparator        text    NOT NULL,
        threshold         numeric NOT NULL,
        baseline_period   date,
        baseline_value    numeric,
        deadline          date    NOT NULL,
        milestones        jsonb   NOT NULL DEFAULT '[]',
        scoring_method    text    NOT NULL,
        tolerance         numeric NOT NULL DEFAULT 0,
        min_coverage      numeric NOT NULL DEFAULT 60,
        authority_level   text    NOT NULL,
        confidence        text    NOT NULL,
        source_clause     text    NOT NULL,
        qualitative       boolean NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT target_version_pk PRIMARY KEY (id),
        CONSTRAINT target_version_target_fk FOREIGN KEY (target_code) REFERENCES target (code),
        CONSTRAINT target_version_indicator_fk FOREIGN KEY (indicator_code) REFERENCES indicator (code),
        CONSTRAINT target_version_region_fk FOREIGN KEY (scope_region_code) REFERENCES region (code),
        CONSTRAINT target_version_effective_uq UNIQUE (target_code, effective_from),
        CONSTRAINT target_version_aggregation_ck CHECK (aggregation IN
          ('SHARE', 'COUNT', 'SUM', 'MEAN', 'MAX', 'REGION_RATIO')),
        CONSTRAINT target_version_comparator_ck CHECK (comparator IN ('AT_LEAST', 'AT_MOST')),
        CONSTRAINT target_version_method_ck CHECK (scoring_method IN ('LINEAR', 'PIECEWISE', 'GROWTH_RATIO')),
        CONSTRAINT target_version_authority_ck CHECK (authority_level IN
          ('NATIONAL_GOVERNMENT', 'MUNICIPAL_GOVERNMENT', 'DISTRICT_GOVERNMENT', 'INDUSTRY_INITIATIVE')),
        CONSTRAINT target_version_confidence_ck CHECK (confidence IN
          ('PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED')),
        CONSTRAINT target_version_months_ck CHECK (
          extract(day FROM deadline) = 1 AND (baseline_period IS NULL OR extract(day FROM baseline_period) = 1)),
        CONSTRAINT target_version_baseline_ck CHECK (baseline_period IS NULL OR baseline_period < deadline),
        CONSTRAINT target_version_tolerance_ck CHECK (tolerance >= 0),
        CONSTRAINT target_version_coverage_ck CHECK (min_coverage >= 0 AND min_coverage <= 100),
        CONSTRAINT target_version_milestones_ck CHECK (jsonb_typeof(milestones) = 'array')
      )`);

    await q.query(`
      CREATE TABLE operationalisation (
        target_version_id  uuid    NOT NULL,
        wording_zh         text    NOT NULL,
        wording_en         text    NOT NULL,
        proposed_threshold numeric NOT NULL,
        rationale          text    NOT NULL,
        status             text    NOT NULL,
        decided_by         text,
        decided_at         timestamptz,
        CONSTRAINT operationalisation_pk PRIMARY KEY (target_version_id),
        CONSTRAINT operationalisation_version_fk FOREIGN KEY (target_version_id)
          REFERENCES target_version (id) ON DELETE CASCADE,
        CONSTRAINT operationalisation_status_ck CHECK (status IN ('PROPOSAL', 'APPROVED', 'REJECTED')),
        CONSTRAINT operationalisation_decision_ck CHECK ((status = 'PROPOSAL') = (decided_at IS NULL))
      )`);

    await q.query(`
      CREATE TABLE company (
        id          uuid    NOT NULL DEFAULT gen_random_uuid(),
        uscc        char(18) NOT NULL,
        name_zh     text    NOT NULL,
        name_en     text    NOT NULL,
        region_code char(6) NOT NULL,
        synthetic   boolean NOT NULL,
        CONSTRAINT company_pk PRIMARY KEY (id),
        CONSTRAINT company_uscc_uq UNIQUE (uscc),
        CONSTRAINT company_region_fk FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT company_uscc_format_ck CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')
      )`);

    await q.query(`
      CREATE TABLE app_user (
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        email         text NOT NULL,
        password_hash text NOT NULL,
        role          text NOT NULL,
        display_name  text NOT NULL,
        hospital_id   text,
        company_id    uuid,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_pk PRIMARY KEY (id),
        CONSTRAINT app_user_hospital_fk FOREIGN KEY (hospital_id) REFERENCES hospital (id),
        CONSTRAINT app_user_company_fk FOREIGN KEY (company_id) REFERENCES company (id),
        CONSTRAINT app_user_role_ck CHECK (role IN ('REGULATOR', 'ADMIN', 'HOSPITAL', 'COMPANY')),
        CONSTRAINT app_user_email_ck CHECK (email = lower(email) AND email LIKE '%_@_%'),
        CONSTRAINT app_user_hospital_ck CHECK ((role = 'HOSPITAL') = (hospital_id IS NOT NULL)),
        CONSTRAINT app_user_company_ck CHECK ((role = 'COMPANY') = (company_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_uq ON app_user (email)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'app_user',
      'company',
      'operationalisation',
      'target_version',
      'target',
      'policy',
      'indicator',
      'hospital',
      'region',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
