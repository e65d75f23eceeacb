import { SingleBar, Presets } from 'cli-progress';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import type { DataSource } from 'typeorm';
import { AdoptionIntakeService, type IntakeSummary } from '../adoption/adoption-intake.service.js';
import { CSV_ENCODINGS, type CsvEncoding } from '../adoption/csv-source.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { AppConfig } from '../config/config.js';

/** The command line's import: the same intake as the API, with a progress bar (by bytes) on a terminal. */
export async function importAdoptionFile(
  ds: DataSource,
  config: AppConfig,
  file: string,
  options: { dryRun: boolean; allOrNothing: boolean; encoding: CsvEncoding; userEmail?: string },
): Promise<IntakeSummary> {
  if (!(CSV_ENCODINGS as readonly string[]).includes(options.encoding)) {
    throw new Error(`--encoding must be one of ${CSV_ENCODINGS.join(', ')}`);
  }
  let user: AuthUser | null = null;
  if (options.userEmail) {
    const [row] = await ds.query(
      `SELECT id, email, role, hospital_id AS "hospitalId", company_id AS "companyId" FROM app_user WHERE email = $1`,
      [options.userEmail.toLowerCase()],
    );
    if (!row) throw new Error(`no account ${options.userEmail}`);
    user = row;
  }
  const size = statSync(file).size;
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: 'importing [{bar}] {percentage}% | {value}/{total} bytes | {eta}s left' },
        Presets.shades_classic,
      )
    : null;
  bar?.start(size, 0);
  let read = 0;
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      bar?.update(read);
      done(null, chunk);
    },
  });
  try {
    return await new AdoptionIntakeService(ds, config).intakeCsv(
      createReadStream(file).pipe(progress),
      options.encoding,
      {
        channel: 'IMPORT',
        user,
        dryRun: options.dryRun,
        allOrNothing: options.allOrNothing,
        fileName: basename(file),
      },
    );
  } finally {
    bar?.stop();
  }
}
