import type { EntityManager } from 'typeorm';
import { hashPassword } from '../src/auth/password.js';
import { seedAdoptionHistory } from './adoption-history.js';
import { DEMO_ACCOUNTS, DEMO_COMPANIES, DEMO_PASSWORD, DEMO_PROVIDERS } from './demo-accounts.js';
import { generateHospitals } from './hospitals.js';
import { INDICATORS } from './indicators.js';
import { POLICIES } from './policies.js';
import { NATION, PROVINCES } from './regions.js';
import { PROGRAMS } from './subsidy-programs.js';

/** Rows inserted or changed per table; a second run of the same seed reports zeros everywhere. */
export type SeedReport = Record<string, number>;

/**
 * Upserts by natural key. `DO UPDATE ... WHERE (...) IS DISTINCT FROM (...)` touches a row only when the seed
 * differs from it, so RETURNING counts real changes and a re-run writes nothing.
 */
async function upsert(
  manager: EntityManager,
  table: string,
  key: string[],
  columns: string[],
  rows: unknown[][],
  types: string[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const updatable = columns.filter((c) => !key.includes(c));
  const arrays = columns.map((_, i) => rows.map((row) => row[i]));
  // unnest() flattens nested arrays, so an array column (type `text[]`) travels as array literals and is cast back.
  const unnest = types.map((t, i) => `$${i + 1}::${t.endsWith('[]') ? 'text' : t}[]`).join(', ');
  const select = columns
    .map((c, i) => (types[i].endsWith('[]') ? `u.${c}::${types[i]}` : `u.${c}`))
    .join(', ');
  const set = updatable.map((c) => `${c} = excluded.${c}`).join(', ');
  const differs = `(${updatable.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${updatable
    .map((c) => `excluded.${c}`)
    .join(', ')})`;
  const sql = `
    INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${select} FROM unnest(${unnest}) AS u(${columns.join(', ')})
    ON CONFLICT (${key.join(', ')}) DO ${updatable.length ? `UPDATE SET ${set} WHERE ${differs}` : 'NOTHING'}
    RETURNING 1`;
  const result: unknown[] = await manager.query(sql, arrays);
  return result.length;
}

export async function seedReference(manager: EntityManager): Promise<SeedReport> {
  const report: SeedReport = {};
  const regions = [NATION, ...PROVINCES];
  report.region = await upsert(
    manager,
    'region',
    ['code'],
    ['code', 'parent_code', 'level', 'name_zh', 'name_en', 'population_thousands'],
    regions.map((r) => [
      r.code,
      r === NATION ? null : NATION.code,
      r === NATION ? 'NATION' : 'PROVINCE',
      r.nameZh,
      r.nameEn,
      r.populationThousands,
    ]),
    ['bpchar', 'bpchar', 'text', 'text', 'text', 'int4'],
  );

  report.indicator = await upsert(
    manager,
    'indicator',
    ['code'],
    [
      'code',
      'name_zh',
      'name_en',
      'definition_zh',
      'definition_en',
      'unit',
      'reporting_level',
      'min_value',
      'max_value',
    ],
    INDICATORS.map((i) => [
      i.code,
      i.nameZh,
      i.nameEn,
      i.definitionZh,
      i.definitionEn,
      i.unit,
      i.reportingLevel,
      i.minValue,
      i.maxValue,
    ]),
    ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'numeric', 'numeric'],
  );

  report.policy = await upsert(
    manager,
    'policy',
    ['code'],
    [
      'code',
      'title_zh',
      'title_en',
      'issuer_zh',
      'issuer_en',
      'issued_on',
      'authority_level',
      'confidence',
      'summary_en',
      'source_title',
      'source_publisher',
      'source_date',
      'source_url',
      'verification_note',
    ],
    POLICIES.map((p) => [
      p.code,
      p.titleZh,
      p.titleEn,
      p.issuerZh,
      p.issuerEn,
      p.issuedOn,
      p.authorityLevel,
      p.confidence,
      p.summaryEn,
      p.source.title,
      p.source.publisher,
      p.source.date,
      p.source.url,
      p.verificationNote,
    ]),
    [
      'text',
      'text',
      'text',
      'text',
      'text',
      'date',
      'text',
      'text',
      'text',
      'text',
      'text',
      'date',
      'text',
      'text',
    ],
  );

  const targets = POLICIES.flatMap((p) => p.targets.map((t) => ({ policy: p, target: t })));
  report.target = await upsert(
    manager,
    'target',
    ['code'],
    ['code', 'policy_code'],
    targets.map(({ policy, target }) => [target.code, policy.code]),
    ['text', 'text'],
  );
  report.target_version = await upsert(
    manager,
    'target_version',
    ['target_code', 'effective_from'],
    [
      'target_code',
      'effective_from',
      'title_zh',
      'title_en',
      'indicator_code',
      'scope_region_code',
      'scope_tiers',
      'scope_types',
      'aggregation',
      'comparator',
      'threshold',
      'baseline_period',
      'baseline_value',
      'deadline',
      'milestones',
      'scoring_method',
      'tolerance',
      'min_coverage',
      'authority_level',
      'confidence',
      'source_clause',
      'qualitative',
    ],
    targets.map(({ policy, target: t }) => [
      t.code,
      t.effectiveFrom,
      t.titleZh,
      t.titleEn,
      t.indicatorCode,
      t.scopeRegionCode,
      `{${t.scopeTiers.join(',')}}`,
      `{${t.scopeTypes.join(',')}}`,
      t.aggregation,
      t.comparator,
      t.threshold,
      t.baselinePeriod,
      t.baselineValue,
      t.deadline,
      JSON.stringify(t.milestones),
      t.scoringMethod,
      t.tolerance,
      t.minCoverage,
      t.authorityLevel ?? policy.authorityLevel,
      t.confidence ?? policy.confidence,
      t.sourceClause,
      t.operationalisation !== null,
    ]),
    [
      'text',
      'date',
      'text',
      'text',
      'text',
      'bpchar',
      'text[]',
      'text[]',
      'text',
      'text',
      'numeric',
      'date',
      'numeric',
      'date',
      'jsonb',
      'text',
      'numeric',
      'numeric',
      'text',
      'text',
      'text',
      'bool',
    ],
  );

  // A decided operationalisation belongs to whoever decided it: re-seeding only refreshes open proposals.
  const proposals = targets.filter(({ target }) => target.operationalisation);
  const changed: unknown[] = await manager.query(
    `INSERT INTO operationalisation (target_version_id, wording_zh, wording_en, proposed_threshold, rationale, status)
     SELECT v.id, s.wording_zh, s.wording_en, v.threshold, s.rationale, 'PROPOSAL'
       FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[])
            AS s(target_code, effective_from, wording_zh, wording_en, rationale)
       JOIN target_version v ON v.target_code = s.target_code AND v.effective_from = s.effective_from
     ON CONFLICT (target_version_id) DO UPDATE SET
       wording_zh = excluded.wording_zh, wording_en = excluded.wording_en,
       proposed_threshold = excluded.proposed_threshold, rationale = excluded.rationale
     WHERE operationalisation.status = 'PROPOSAL'
       AND (operationalisation.wording_zh, operationalisation.wording_en, operationalisation.proposed_threshold,
            operationalisation.rationale)
           IS DISTINCT FROM (excluded.wording_zh, excluded.wording_en, excluded.proposed_threshold, excluded.rationale)
     RETURNING 1`,
    [
      proposals.map(({ target }) => target.code),
      proposals.map(({ target }) => target.effectiveFrom),
      proposals.map(({ target }) => target.operationalisation!.wordingZh),
      proposals.map(({ target }) => target.operationalisation!.wordingEn),
      proposals.map(({ target }) => target.operationalisation!.rationale),
    ],
  );
  report.operationalisation = changed.length;

  report.subsidy_program = await upsert(
    manager,
    'subsidy_program',
    ['code'],
    [
      'code',
      'name_zh',
      'name_en',
      'issuer_en',
      'region_code',
      'window_start',
      'window_end',
      'authority_level',
      'confidence',
      'source',
    ],
    PROGRAMS.map((p) => [
      p.code,
      p.nameZh,
      p.nameEn,
      p.issuerEn,
      p.regionCode,
      p.windowStart,
      p.windowEnd,
      p.authorityLevel,
      p.confidence,
      p.source,
    ]),
    ['text', 'text', 'text', 'text', 'bpchar', 'date', 'date', 'text', 'text', 'text'],
  );
  // A rule version is history once decisions rest on it: the seed adds missing versions, never rewrites one.
  const rules = PROGRAMS.flatMap((p) => p.rules.map((r) => ({ program: p.code, ...r })));
  const insertedRules: unknown[] = await manager.query(
    `INSERT INTO subsidy_rule_version (program_code, effective_from, rate, per_claim_cap, company_cap, company_cap_period,
       yearly_pool, eligible_cost_types, required_documents, source, confidence, assumption)
     SELECT u.program_code, u.effective_from, u.rate, u.per_claim_cap, u.company_cap, u.company_cap_period, u.yearly_pool,
            u.eligible_cost_types::text[], u.required_documents::text[], u.source, u.confidence, u.assumption
       FROM unnest($1::text[], $2::date[], $3::numeric[], $4::numeric[], $5::numeric[], $6::text[], $7::numeric[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[])
         AS u(program_code, effective_from, rate, per_claim_cap, company_cap, company_cap_period, yearly_pool,
              eligible_cost_types, required_documents, source, confidence, assumption)
     ON CONFLICT (program_code, effective_from) DO NOTHING RETURNING 1`,
    [
      rules.map((r) => r.program),
      rules.map((r) => r.effectiveFrom),
      rules.map((r) => r.rate),
      rules.map((r) => r.perClaimCap),
      rules.map((r) => r.companyCap),
      rules.map((r) => r.companyCapPeriod),
      rules.map((r) => r.yearlyPool),
      rules.map((r) => `{${r.eligibleCostTypes.join(',')}}`),
      rules.map((r) => `{${r.requiredDocuments.join(',')}}`),
      rules.map((r) => r.source),
      rules.map((r) => r.confidence),
      rules.map((r) => r.assumption),
    ],
  );
  report.subsidy_rule_version = insertedRules.length;

  // The registry is synthetic (see seeds/hospitals.ts); the flag travels with every row and through the API.
  const hospitals = generateHospitals();
  report.hospital = 0;
  for (let start = 0; start < hospitals.length; start += 5000) {
    const chunk = hospitals.slice(start, start + 5000);
    report.hospital += await upsert(
      manager,
      'hospital',
      ['id'],
      ['id', 'region_code', 'name_zh', 'name_en', 'tier', 'type', 'registered_from', 'synthetic'],
      chunk.map((h) => [h.id, h.regionCode, h.nameZh, h.nameEn, h.tier, h.type, h.registeredFrom, true]),
      ['text', 'bpchar', 'text', 'text', 'text', 'text', 'date', 'bool'],
    );
  }
  return report;
}

export async function seedDemo(
  manager: EntityManager,
  options: { historyStart?: string } = {},
): Promise<SeedReport> {
  const report: SeedReport = {};
  report.company = await upsert(
    manager,
    'company',
    ['uscc'],
    ['uscc', 'name_zh', 'name_en', 'region_code', 'synthetic'],
    DEMO_COMPANIES.map((c) => [c.uscc, c.nameZh, c.nameEn, c.regionCode, true]),
    ['bpchar', 'text', 'text', 'bpchar', 'bool'],
  );
  const companyIds = new Map<string, string>();
  for (const company of DEMO_COMPANIES) {
    const [row] = await manager.query(`SELECT id FROM company WHERE uscc = $1`, [company.uscc]);
    companyIds.set(company.key, row.id);
  }

  const affiliated: unknown[] = await manager.query(
    `INSERT INTO company_affiliation (company_id, affiliated_uscc, affiliated_name, relation)
     VALUES ($1, $2, $3, 'SUBSIDIARY') ON CONFLICT DO NOTHING RETURNING 1`,
    [companyIds.get('company-a'), DEMO_PROVIDERS.affiliateOfA.uscc, DEMO_PROVIDERS.affiliateOfA.name],
  );
  report.company_affiliation = affiliated.length;

  // Hash only for accounts that do not exist yet: a fresh salt each run would otherwise rewrite every row.
  const existing = new Set<string>(
    (
      await manager.query(`SELECT email FROM app_user WHERE email = ANY($1)`, [
        DEMO_ACCOUNTS.map((a) => a.email),
      ])
    ).map((r: { email: string }) => r.email),
  );
  report.app_user = 0;
  for (const account of DEMO_ACCOUNTS) {
    const companyId = account.companyKey ? companyIds.get(account.companyKey)! : null;
    const values = [account.email, account.role, account.displayName, account.hospitalId ?? null, companyId];
    if (existing.has(account.email)) {
      // Counted through a CTE: TypeORM answers a bare UPDATE with [rows, affected], not the rows.
      const [{ n }] = await manager.query(
        `WITH updated AS (
           UPDATE app_user SET role = $2, display_name = $3, hospital_id = $4, company_id = $5
            WHERE email = $1 AND (role, display_name, hospital_id, company_id) IS DISTINCT FROM ($2, $3, $4, $5::uuid)
           RETURNING 1)
         SELECT count(*)::int AS n FROM updated`,
        values,
      );
      report.app_user += n;
    } else {
      await manager.query(
        `INSERT INTO app_user (email, role, display_name, hospital_id, company_id, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [...values, await hashPassword(DEMO_PASSWORD)],
      );
      report.app_user++;
    }
  }
  report.adoption_report = (await seedAdoptionHistory(manager, options.historyStart)).rows;
  return report;
}
