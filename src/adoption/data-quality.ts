import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * A month-on-month move this large in a percentage (or a ratio in percent) is more often a keying error
 * than a real change; a count that more than doubles or halves (beyond a small absolute slack) likewise.
 * Such values are accepted and flagged, not rejected: the data officer may be right.
 */
export const JUMP_PERCENT_POINTS = 30;
export const JUMP_COUNT_SLACK = 10;

/** Flags the implausible jumps among one batch's rows against the previous month's latest revision. */
export async function flagImplausibleJumps(
  db: QueryRunner | EntityManager,
  batchId: string,
): Promise<number> {
  const [{ flagged }] = await db.query(
    `WITH current AS (
       SELECT r.id, r.unit_id, r.indicator_code, r.period, i.unit,
              CASE WHEN r.denominator IS NULL THEN r.value ELSE 100 * r.numerator / r.denominator END AS level
         FROM adoption_report r JOIN indicator i ON i.code = r.indicator_code
        WHERE r.batch_id = $1 AND i.unit IN ('PERCENT', 'RATIO', 'COUNT')
     ), compared AS (
       SELECT c.*, p.level AS previous
         FROM current c
         CROSS JOIN LATERAL (
           SELECT CASE WHEN p.denominator IS NULL THEN p.value ELSE 100 * p.numerator / p.denominator END AS level
             FROM adoption_report p
            WHERE p.unit_id = c.unit_id AND p.indicator_code = c.indicator_code
              AND p.period = (c.period - interval '1 month')::date
            ORDER BY p.revision DESC LIMIT 1) p
     ), inserted AS (
       INSERT INTO adoption_warning (report_id, kind, previous_value, value, message)
       SELECT id, 'IMPLAUSIBLE_JUMP', round(previous, 2), round(level, 2),
              format('%s moved from %s to %s in one month', indicator_code, round(previous, 2), round(level, 2))
         FROM compared
        WHERE (unit IN ('PERCENT', 'RATIO') AND abs(level - previous) > $2)
           OR (unit = 'COUNT' AND abs(level - previous) > greatest($3, least(previous, level)))
       ON CONFLICT (report_id, kind) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS flagged FROM inserted`,
    [batchId, JUMP_PERCENT_POINTS, JUMP_COUNT_SLACK],
  );
  return flagged;
}
