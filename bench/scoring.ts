import { scorePeriod } from '../src/compliance/scoring.js';
import { STALENESS_MONTHS } from '../src/compliance/methodology.js';
import { reportingCutoff } from '../src/common/periods.js';
import { migrate, seed, withDataSource } from '../src/database/prepare.js';
import { loadConfig } from '../src/config/config.js';
import type { EntityManager } from 'typeorm';
import { benchDatabase, record } from './support.js';

/**
 * Scoring (issue: scoring and jobs) on the demo data: one month, and the whole demo history month by month,
 * each beside the bare SQL aggregate over the same adoption rows (count and sum by indicator and month, no
 * staleness, revisions or scope), as a ratio. Every run is rolled back, so the database is left as it was.
 */
const RUNS = 7;

/** The plainest aggregate over the rows a month's scoring reads: the period and the w - 1 months before it. */
const BARE_SQL = `
  SELECT r.indicator_code, r.period, count(*), sum(r.value), sum(r.numerator), sum(r.denominator)
    FROM adoption_report r
   WHERE r.period BETWEEN ($1::date - ($2::int - 1) * interval '1 month')::date AND $1::date
     AND r.reported_at <= $3
   GROUP BY r.indicator_code, r.period`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main() {
  const { url, embedded } = await benchDatabase();
  const config = loadConfig({});
  try {
    await withDataSource(url, async (ds) => {
      await migrate(ds);
      const [{ empty }] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM adoption_report) AS empty`);
      if (empty) await seed(ds, { demo: true, config });
      const periods: string[] = (
        await ds.query(
          `SELECT to_char(p, 'YYYY-MM') AS period FROM generate_series(
             (SELECT min(period) FROM adoption_report), (SELECT max(period) FROM adoption_report), interval '1 month') p`,
        )
      ).map((r: { period: string }) => r.period);
      const last = periods.at(-1)!;
      const cutoffOf = (period: string) => {
        const close = reportingCutoff(period, config.adoption.reportingWindowDays);
        return close.getTime() < Date.now() ? close : new Date();
      };
      const rolledBack = (work: (m: EntityManager) => Promise<unknown>) =>
        ds
          .transaction(async (m) => {
            await work(m);
            throw new RollBack();
          })
          .catch((e) => {
            if (!(e instanceof RollBack)) throw e;
          });
      const bare = (m: EntityManager, period: string) =>
        m
          .query(`SET LOCAL jit = off`)
          .then(() => m.query(BARE_SQL, [`${period}-01`, STALENESS_MONTHS, cutoffOf(period)]));

      const one: number[] = [];
      const oneBare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        one.push(
          await timed(() =>
            rolledBack((m) =>
              scorePeriod(m, { period: `${last}-01`, cutoff: cutoffOf(last), trigger: 'MANUAL' }),
            ),
          ),
        );
        oneBare.push(await timed(() => rolledBack((m) => bare(m, last))));
      }

      const history: number[] = [];
      const historyBare: number[] = [];
      for (let i = 0; i < 3; i++) {
        history.push(
          await timed(() =>
            rolledBack(async (m) => {
              for (const period of periods) {
                await scorePeriod(m, { period: `${period}-01`, cutoff: cutoffOf(period), trigger: 'MANUAL' });
              }
            }),
          ),
        );
        historyBare.push(
          await timed(() =>
            rolledBack(async (m) => {
              for (const period of periods) await bare(m, period);
            }),
          ),
        );
      }
      const [{ rows }] = await ds.query(`SELECT count(*)::int AS rows FROM adoption_report`);
      const [{ targets }] = await ds.query(
        `SELECT count(DISTINCT target_code)::int AS targets FROM target_version`,
      );
      const figures = {
        adoptionRows: rows,
        targets,
        onePeriod: {
          period: last,
          medianMs: Math.round(median(one)),
          bareAggregateMedianMs: Math.round(median(oneBare)),
          ratio: Number((median(one) / median(oneBare)).toFixed(2)),
          goalMs: 250,
          runs: RUNS,
        },
        wholeHistory: {
          months: periods.length,
          from: periods[0],
          to: last,
          medianMs: Math.round(median(history)),
          bareAggregateMedianMs: Math.round(median(historyBare)),
          ratio: Number((median(history) / median(historyBare)).toFixed(2)),
          goalMs: 5000,
          runs: 3,
        },
      };
      record('scoring', figures);
    });
  } finally {
    await embedded?.stop();
  }
}

class RollBack extends Error {}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
