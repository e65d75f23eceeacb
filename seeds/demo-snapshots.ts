import type { DataSource } from 'typeorm';
import { addMonths, reportingCutoff } from '../src/common/periods.js';
import { ComplianceService } from '../src/compliance/compliance.service.js';
import type { AppConfig } from '../src/config/config.js';
import { JobRunner } from '../src/jobs/job-runner.js';

/**
 * A compliance snapshot for every month of the demo history, made by the scoring job itself, oldest first (each
 * month's projection uses the months before it). A month whose reporting window has closed is scored at the
 * window's close, as the scheduler would, and counts as that month's scheduled run. A month still open is scored
 * "now" as a manual run, so the scheduled run still happens when its window closes. Skipped once done.
 */
export async function seedDemoSnapshots(ds: DataSource, config: AppConfig): Promise<number> {
  const [{ seeded }] = await ds.query(
    `SELECT EXISTS (SELECT 1 FROM job_run WHERE job = 'MONTHLY_SCORING' AND trigger = 'SEED') AS seeded`,
  );
  if (seeded) return 0;
  const [{ first, last }] = await ds.query(
    `SELECT to_char(min(period), 'YYYY-MM') AS first, to_char(max(period), 'YYYY-MM') AS last
       FROM adoption_report WHERE synthetic`,
  );
  if (!first) return 0;
  const runner = new JobRunner(ds, config);
  runner.logSuccess = false;
  const compliance = new ComplianceService(ds, config, runner);
  let made = 0;
  for (let period = first; period <= last; period = addMonths(period, 1)) {
    const cutoff = reportingCutoff(period, config.adoption.reportingWindowDays);
    const closed = cutoff.getTime() <= Date.now();
    const outcome = await compliance.scoreJob(
      period,
      closed ? cutoff : new Date(),
      closed ? 'SEED' : 'MANUAL',
    );
    if (outcome.outcome === 'FAILED') throw new Error(`demo scoring of ${period} failed: ${outcome.error}`);
    if (outcome.outcome === 'SUCCEEDED') made++;
  }
  return made;
}
