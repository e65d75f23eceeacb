/**
 * Committed money, as SQL over ledger entries aliased `alias`: reservations less what was released (paid below the
 * approval) and clawed back. Shared by the subsidies service (caps, pool), scoring (the cap indicator) and reports.
 */
export function committedSql(alias: string): string {
  return `coalesce(sum(CASE ${alias}.kind WHEN 'RESERVED' THEN ${alias}.amount WHEN 'RELEASED' THEN -${alias}.amount
                                  WHEN 'CLAWED_BACK' THEN -${alias}.amount ELSE 0 END), 0)::numeric(18,2)`;
}
