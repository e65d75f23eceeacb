/**
 * Months and Beijing time, in one place. A period is "YYYY-MM" (a longer "YYYY-MM-DD" is read by its month).
 * Asia/Shanghai has no daylight saving: Beijing time is UTC+8 all year, and a Beijing midnight is 16:00 UTC the
 * day before.
 */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Months since year 0, so that months subtract: monthIndex('2026-10') - monthIndex('2026-01') = 9. */
export function monthIndex(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return y * 12 + m - 1;
}

export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** The month `months` after (or before) a period, as "YYYY-MM". */
export function addMonths(period: string, months: number): string {
  const index = monthIndex(period) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function beijingMidnight(year: number, monthIndexInYear: number, day: number): Date {
  return new Date(Date.UTC(year, monthIndexInYear, day) - BEIJING_OFFSET_MS);
}

/** The wall-clock date and time in Beijing, as a Date whose UTC fields read as Beijing time. */
export function inBeijing(instant: Date): Date {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
}

/** The end of a month, Beijing time. */
export function periodEnd(period: string): Date {
  const [y, m] = period.split('-').map(Number);
  return beijingMidnight(y, m, 1);
}

/** When a month's reporting window closes: the scheduled scoring's data cut-off. */
export function reportingCutoff(period: string, windowDays: number): Date {
  const [y, m] = period.split('-').map(Number);
  return beijingMidnight(y, m, 1 + windowDays);
}

/** The latest month whose reporting window has closed at `now`. */
export function lastClosedPeriod(now: Date, windowDays: number): string {
  for (let period = inBeijing(now).toISOString().slice(0, 7); ; period = addMonths(period, -1)) {
    if (reportingCutoff(period, windowDays).getTime() <= now.getTime()) return period;
  }
}
