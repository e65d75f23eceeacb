import type { EntityManager } from 'typeorm';
import { flagImplausibleJumps } from '../src/adoption/data-quality.js';
import { withBulkLoad } from './bulk-load.js';

/**
 * Synthetic monthly adoption history from 2023-01 to the last complete month, generated in PostgreSQL as
 * one set (about 2.3 million rows), deterministic from HISTORY_SEED: the same rows on every machine.
 *
 * Each hospital adopts each AI use at a month drawn from a logistic distribution whose centre depends on the
 * indicator, the province and the tier, and some hospitals never adopt: summed over hospitals this gives the
 * S-shaped curves of technology diffusion. The parameters are chosen so that, in late 2026, the targets stand
 * differently: imaging above its threshold, specialist departments ahead of their path, decision support and
 * large models behind theirs, primary care close to its path. Also generated: hospitals that miss months, a few that stop reporting, a few late
 * corrections (a second revision a month later) and a few implausible jumps in a percentage indicator.
 */
export const HISTORY_SEED = 20_230_101;
export const HISTORY_START = '2023-01-01';

/** Per hospital indicator: share that ever adopts, month of median adoption (0 = 2023-01), spread in months. */
const PARAMETERS = `
  hospital_indicator (code, plateau, centre, spread) AS (VALUES
    ('IMAGING_AI',          0.97, 18, 7),
    ('SPECIALIST_DEPT_AI',  0.90, 44, 8),
    ('CDS_AI',              0.95, 60, 10),
    ('LLM_DIAGNOSIS',       0.50, 50, 10))`;

// u(key): a uniform number in (0, 1) from a seeded hash of the key; logit turns it into a logistic draw.
const U = (key: string) =>
  `((hashtextextended(${key}, ${HISTORY_SEED}) & 2147483647)::float8 + 0.5) / 2147483648.0`;
const LOGIT = (u: string) => `ln((${u}) / (1 - (${u})))`;
const SIGMOID = (x: string) => `(1 / (1 + exp(-(${x}))))`;
// Reported 3 to 12 days after the month ends, at 09:00 Beijing time (never later than now).
const REPORTED_AT = (key: string) =>
  `least(now(), (m.period + interval '1 month' + floor(${U(`${key} || 'at'`)} * 10 + 3) * interval '1 day' + interval '9 hours')::timestamp AT TIME ZONE 'Asia/Shanghai')`;

// $1, $2: the first and last month to generate; m counts months from 2023-01.
const MONTHS = `months AS (
  SELECT period::date, (extract(year FROM period) - 2023) * 12 + extract(month FROM period) - 1 AS m,
         (extract(year FROM $2::date) - 2023) * 12 + extract(month FROM $2::date) - 1 AS last_m
    FROM generate_series($1::date, $2::date, interval '1 month') AS period)`;
// Each province runs up to eight months ahead of or behind the national curve.
const PROVINCES = `province AS (
  SELECT code, population_thousands, (${U(`code || 'offset'`)} - 0.5) * 16 AS offset_months
    FROM region WHERE level = 'PROVINCE')`;

export interface HistoryReport {
  fromPeriod: string | null;
  toPeriod: string | null;
  rows: number;
  warnings: number;
}

/** `start`: the first month of an empty history (the benchmark's national dataset starts earlier). */
export async function seedAdoptionHistory(
  manager: EntityManager,
  start: string = HISTORY_START,
): Promise<HistoryReport> {
  const [{ first, last, empty }] = await manager.query(
    `SELECT coalesce((max(period) + interval '1 month')::date, $1::date)::text AS first,
            NOT EXISTS (SELECT 1 FROM adoption_report) AS empty,
            (date_trunc('month', (now() AT TIME ZONE 'Asia/Shanghai')) - interval '1 month')::date::text AS last
       FROM adoption_report WHERE synthetic`,
    [start],
  );
  if (first > last) return { fromPeriod: null, toPeriod: null, rows: 0, warnings: 0 };

  const [{ id: batchId }] = await manager.query(
    `INSERT INTO adoption_batch (channel, file_name, all_or_nothing, rows_read, inserted, revised, unchanged, rejected, warnings)
     VALUES ('SEED', $1, true, 0, 0, 0, 0, 0, 0) RETURNING id`,
    [`synthetic history ${first.slice(0, 7)} to ${last.slice(0, 7)} (seed ${HISTORY_SEED})`],
  );
  const load = () => insertHistory(manager, first, last, batchId, !empty);
  const rows = empty ? await withBulkLoad(manager, 'adoption_report', load) : await load();
  const warnings = await flagImplausibleJumps(manager, batchId);
  await manager.query(
    `UPDATE adoption_batch SET rows_read = $2, inserted = $2, warnings = $3 WHERE id = $1`,
    [batchId, rows, warnings],
  );
  return { fromPeriod: first.slice(0, 7), toPeriod: last.slice(0, 7), rows, warnings };
}

async function insertHistory(
  manager: EntityManager,
  first: string,
  last: string,
  batchId: string,
  incremental: boolean,
): Promise<number> {
  // A later run may find real reports already filed for its months: those keys are left to them. (The first,
  // bulk run has no unique index to infer the conflict target from, and no rows to conflict with.)
  const skipTaken = incremental ? 'ON CONFLICT (unit_id, indicator_code, period, revision) DO NOTHING' : '';
  const months = MONTHS;
  const provinces = PROVINCES;
  const insert = `INSERT INTO adoption_report (hospital_id, region_code, indicator_code, period, revision, value,
                                               numerator, denominator, reported_at, batch_id, synthetic)`;

  // Hospitals: yes/no uses, with gaps, drop-outs and late corrections (first revision wrong, second right).
  await manager.query(
    `WITH ${PARAMETERS}, ${months}, ${provinces},
     unit AS (
       SELECT h.id, h.tier, h.type, p.offset_months + CASE h.tier WHEN 'TERTIARY' THEN -6 ELSE 3 END AS shift,
              ${U(`h.id || 'dropout'`)} < 0.004 AS drops_out
         FROM hospital h JOIN province p ON p.code = h.region_code WHERE h.synthetic),
     adoption AS (
       SELECT u.id, u.drops_out, i.code,
              ${U(`u.id || i.code || 'adopts'`)} < i.plateau AS adopts,
              i.centre + u.shift + i.spread * ${LOGIT(U(`u.id || i.code || 'when'`))} AS adopted_at
         FROM unit u CROSS JOIN hospital_indicator i),
     truth AS (
       SELECT a.id, a.code, m.period, m.m,
              CASE WHEN a.adopts AND m.m >= a.adopted_at THEN 1 ELSE 0 END AS value,
              ${U(`a.id || a.code || m.period::text || 'correction'`)} < 0.0001 AS corrected,
              ${REPORTED_AT(`a.id || m.period::text`)} AS reported_at
         FROM adoption a CROSS JOIN months m
        WHERE ${U(`a.id || m.period::text || 'gap'`)} >= 0.02 AND NOT (a.drops_out AND m.m > m.last_m - 4)),
     revisions AS (
       SELECT id, code, period, 1 AS revision, CASE WHEN corrected THEN 1 - value ELSE value END AS value, reported_at
         FROM truth
       UNION ALL
       SELECT id, code, period, 2, value, reported_at + interval '35 days' FROM truth
        WHERE corrected AND reported_at + interval '35 days' < now())
     ${insert}
     SELECT id, NULL, code, period, revision, value, NULL, NULL, reported_at, $3, true FROM revisions
     ${skipTaken}`,
    [first, last, batchId],
  );

  // Lung cancer early-detection rate (percent), tertiary general and cancer hospitals: the West China figures
  // (14.6 % before, 65.6 % with AI) as the ends of the curve, noise of +-3 points, and rare keying errors.
  await manager.query(
    `WITH ${months}, ${provinces}
     ${insert}
     SELECT h.id, NULL, 'LUNG_NODULE_DETECTION_RATE', m.period, 1,
            CASE WHEN ${U(`h.id || m.period::text || 'jump'`)} < 0.0003 THEN 97.5
                 ELSE round(least(100, greatest(0, 14.6 + 51 * ${SIGMOID(`(m.m - 30 - p.offset_months) / 8`)}
                                                + (${U(`h.id || m.period::text || 'noise'`)} - 0.5) * 6))::numeric, 1) END,
            NULL, NULL, ${REPORTED_AT(`h.id || m.period::text`)}, $3, true
       FROM hospital h JOIN province p ON p.code = h.region_code CROSS JOIN months m
      WHERE h.synthetic AND h.tier = 'TERTIARY' AND h.type IN ('GENERAL', 'CANCER')
        AND ${U(`h.id || m.period::text || 'gap'`)} >= 0.02
     ${skipTaken}`,
    [first, last, batchId],
  );

  // Provinces: primary-care institutions with AI-assisted diagnosis, about 0.7 institutions per 1,000 people.
  await manager.query(
    `WITH ${months}, ${provinces}
     ${insert}
     SELECT NULL, p.code, 'PRIMARY_CARE_AI', m.period, 1, NULL,
            round(round(p.population_thousands * 0.7) * 0.75 * ${SIGMOID(`(m.m - 48 - p.offset_months) / 12`)}),
            round(p.population_thousands * 0.7), ${REPORTED_AT(`p.code || m.period::text`)}, $3, true
       FROM province p CROSS JOIN months m
      WHERE ${U(`p.code || m.period::text || 'gap'`)} >= 0.03
     ${skipTaken}`,
    [first, last, batchId],
  );

  // The nation: cumulative counts of trusted data spaces, key standards and oncologist digital twins.
  await manager.query(
    `WITH ${months}
     ${insert}
     SELECT NULL, '100000', n.code, m.period, 1, n.value, NULL, NULL, ${REPORTED_AT(`n.code || m.period::text`)}, $3, true
       FROM months m
       CROSS JOIN LATERAL (VALUES
         ('TRUSTED_DATA_SPACES', greatest(0, floor((m.m - 29) / 3.5))),
         ('AI_HEALTH_STANDARDS', floor(greatest(0, m.m - 33) * 0.5)),
         ('ONCOLOGIST_DIGITAL_TWINS', CASE WHEN m.m < 24 THEN 0 ELSE least(100, 40 + (m.m - 24) * 5) END)
       ) AS n(code, value)
     ${skipTaken}`,
    [first, last, batchId],
  );

  const [{ rows }] = await manager.query(
    `SELECT count(*)::int AS rows FROM adoption_report WHERE batch_id = $1`,
    [batchId],
  );
  return rows;
}
