/**
 * The scoring methodology's fixed parameters (DESIGN.md section 4). A change to any of them, or to the rules in
 * rules.ts, is a new methodology version: snapshots record the version they were made with.
 */
export const METHODOLOGY_VERSION = 'yardstick-scoring/1.0';

/** A unit counts as reporting for month t when it has a report in the months (t - w, t]. */
export const STALENESS_MONTHS = 3;

/** The projection is a least-squares line through the measured values of the last 12 months. */
export const HISTORY_MONTHS = 12;
export const MIN_PROJECTION_POINTS = 3;

/** Open SDG progress measure: ratio of observed to required compound growth. */
export const GROWTH_ON_TRACK = '0.95';
export const GROWTH_AT_RISK = '0.60';

/** Stored figures keep six decimals; every comparison uses the stored (rounded) figure, so a status can be redone by hand. */
export const DECIMALS = 6;

/**
 * Indicators computed from the subsidy ledger rather than reported: the value per company and programme is its
 * committed amount (reserved less released and clawed back) in each programme of the target's region (caps are per
 * programme, so a company's amounts in two programmes are not added up), as the ledger stood at the
 * data cut-off (a cap is checked against the latest position, as the monthly subsidy report shows it). The ledger
 * is complete by construction, so coverage is 100 %.
 */
export const LEDGER_INDICATORS = ['SUBSIDY_MAX_PER_COMPANY'];

export const STATUSES = ['ACHIEVED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'MISSED', 'NO_DATA'] as const;
export type ComplianceStatus = (typeof STATUSES)[number];
