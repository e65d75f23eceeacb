/**
 * `ancestry(code, ancestor)`: every region paired with itself and each region above it, as a common table
 * expression for a `WITH RECURSIVE` query. Scope filters join on the ancestor; joining the ancestor to a region of
 * level PROVINCE gives a region's province.
 */
export const ANCESTRY_CTE = `ancestry AS (
  SELECT code, code AS ancestor FROM region
  UNION ALL
  SELECT a.code, r.parent_code FROM ancestry a JOIN region r ON r.code = a.ancestor WHERE r.parent_code IS NOT NULL)`;
