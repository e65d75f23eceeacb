import { createWriteStream, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { loadConfig } from '../src/config/config.js';
import { migrate, seed, withDataSource } from '../src/database/prepare.js';
import { importAdoptionFile } from '../src/cli/import-adoption.js';
import { generateHospitals } from '../seeds/hospitals.js';
import { benchDatabase, record, watchMemory } from './support.js';

/**
 * Imports a CSV of 1,000,000 rows (12,294 hospitals x 4 indicators x 21 months, minus a remainder) into a
 * database holding the registry, then the same file again (every row unchanged), then a 100,000-row file to
 * compare peak memory. Goal: 1M rows in at most 60 s, memory not growing with the file.
 */
const INDICATORS = ['IMAGING_AI', 'CDS_AI', 'LLM_DIAGNOSIS', 'SPECIALIST_DEPT_AI'];

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('hospital_id,indicator_code,period,value\n');
  const hospitals = generateHospitals();
  let written = 0;
  outer: for (let month = 0; ; month++) {
    const period = new Date(Date.UTC(2024, month, 1)).toISOString().slice(0, 7);
    for (const hospital of hospitals) {
      for (const indicator of INDICATORS) {
        if (written++ >= rows) break outer;
        const value =
          (hospital.id.charCodeAt(hospital.id.length - 1) + month + indicator.length) % 3 === 0 ? 1 : 0;
        if (!out.write(`${hospital.id},${indicator},${period},${value}\n`)) await once(out, 'drain');
      }
    }
  }
  out.end();
  await once(out, 'finish');
}

async function timedImport(url: string, file: string) {
  // Old months are closed in real use; the benchmark opens them all by widening the window.
  const config = loadConfig({ ...process.env, DATABASE_URL: url, REPORTING_WINDOW_DAYS: '3000' });
  const memory = watchMemory();
  const started = performance.now();
  const summary = await withDataSource(url, (ds) =>
    importAdoptionFile(ds, config, file, { dryRun: false, allOrNothing: false, encoding: 'auto' }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { errors, ...counts } = summary;
  if (errors.length) throw new Error(`unexpected rejections: ${JSON.stringify(errors.slice(0, 3))}`);
  return {
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(summary.rowsRead / seconds),
    peakRssMiB: memory.stop(),
    ...counts,
  };
}

async function main() {
  const { url, embedded } = await benchDatabase();
  try {
    await withDataSource(url, async (ds) => {
      await migrate(ds);
      await seed(ds, { demo: false });
      await ds.query(`DELETE FROM adoption_warning`);
      await ds.query(`DELETE FROM adoption_report`);
    });
    const big = join(tmpdir(), `yardstick-bench-1m-${process.pid}.csv`);
    const small = join(tmpdir(), `yardstick-bench-100k-${process.pid}.csv`);
    await writeCsv(big, 1_000_000);
    await writeCsv(small, 100_000);
    try {
      const first = await timedImport(url, big);
      const again = await timedImport(url, big);
      await withDataSource(url, (ds) => ds.query(`DELETE FROM adoption_report WHERE period < '2024-02-01'`));
      const hundredThousand = await timedImport(url, small);
      record('import-adoption', {
        fileBytes: statSync(big).size,
        goal: '1,000,000 rows in at most 60 s; peak memory independent of file size',
        oneMillionRows: first,
        sameFileAgain: again,
        hundredThousandRows: hundredThousand,
        memoryRatio1MTo100k: Number((first.peakRssMiB / hundredThousand.peakRssMiB).toFixed(2)),
      });
    } finally {
      unlinkSync(big);
      unlinkSync(small);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
