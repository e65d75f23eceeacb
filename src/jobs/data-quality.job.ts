import { ANCESTRY_CTE } from '../registry/region-tree.sql.js';
import type { EntityManager } from 'typeorm';

/**
 * The daily data-quality check: for the latest ended month, how many in-scope hospitals have reported each
 * hospital indicator (nationally and the provinces below 80 %), and the implausible-jump warnings of the last day.
 * Read-only; its figures are kept in the job run's result.
 */
export async function dailyDataQuality(m: EntityManager, day: string): Promise<Record<string, unknown>> {
  const [y, mo] = day.split('-').map(Number);
  const month = new Date(Date.UTC(y, mo - 2, 1)).toISOString().slice(0, 10);
  const indicators: { indicator: string; reported: number; registered: number; lagging: string[] }[] =
    await m.query(
      `WITH RECURSIVE ${ANCESTRY_CTE},
     registered AS (
       SELECT h.id, a.ancestor AS region_code FROM hospital h
         JOIN ancestry a ON a.code = h.region_code
         JOIN region p ON p.code = a.ancestor AND p.level = 'PROVINCE'
        WHERE h.registered_from < $1::date + interval '1 month'
          AND (h.registered_until IS NULL OR h.registered_until >= $1::date + interval '1 month')),
     reported AS (
       SELECT DISTINCT r.indicator_code, r.hospital_id FROM adoption_report r
        JOIN indicator i ON i.code = r.indicator_code AND i.reporting_level = 'HOSPITAL'
        WHERE r.period = $1::date),
     by_province AS (
       SELECT i.code AS indicator, g.region_code, count(*) AS registered, count(p.hospital_id) AS reported
         FROM indicator i CROSS JOIN registered g
         LEFT JOIN reported p ON p.indicator_code = i.code AND p.hospital_id = g.id
        -- Only the yes/no adoption indicators every hospital reports; the detection rate is for cancer hospitals.
        WHERE i.reporting_level = 'HOSPITAL' AND i.code <> 'LUNG_NODULE_DETECTION_RATE'
        GROUP BY i.code, g.region_code)
     SELECT indicator, sum(reported)::int AS reported, sum(registered)::int AS registered,
            coalesce(array_agg(region_code ORDER BY region_code) FILTER (WHERE reported * 100 < registered * 80), '{}') AS lagging
       FROM by_province GROUP BY indicator ORDER BY indicator`,
      [month],
    );
  const [{ warnings }] = await m.query(
    `SELECT count(*)::int AS warnings FROM adoption_warning WHERE created_at > now() - interval '1 day'`,
  );
  return { month: month.slice(0, 7), indicators, warningsLastDay: warnings };
}
