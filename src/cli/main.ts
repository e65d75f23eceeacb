import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../common/audit.js';
import { PERIOD_PATTERN } from '../common/scalars.js';
import { ComplianceService } from '../compliance/compliance.service.js';
import { JobRunner } from '../jobs/job-runner.js';
import {
  REPORT_KINDS,
  REPORT_LANGUAGES,
  type ReportKind,
  type ReportLanguage,
} from '../reports/report-data.js';
import { ReportRenderer } from '../reports/report-renderer.js';
import { ReportsService } from '../reports/reports.service.js';
import { loadConfig } from '../config/config.js';
import { migrate, seed, withDataSource } from '../database/prepare.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../database/embedded-postgres.js';
import type { CsvEncoding } from '../adoption/csv-source.js';
import { importAdoptionFile } from './import-adoption.js';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  migrate [--revert]   apply pending migrations (or revert the last one)
  seed [--no-demo]     upsert reference data (regions, hospital registry, indicators, policy library)
                       and, unless --no-demo, the demonstration accounts; safe to run again
  db:reset             drop every table and migrate again (refuses in production)
  score --period YYYY-MM [--cutoff ISO-TIME]
                       run the scoring job for a month by hand (cut-off: now) and print its statuses
  report --kind NATIONAL_MONTHLY|BEIJING_SUBSIDY_MONTHLY --period YYYY-MM [--lang zh-CN|en] --out FILE
                       render a report from the month's latest snapshot, archive it and write the PDF
  audit verify         recompute the audit trail's hash chain; name the first broken link (exit 1)
  import adoption FILE [--dry-run] [--all-or-nothing] [--encoding auto|utf-8|gb18030] [--user EMAIL]
                       import monthly adoption values from a CSV file (columns in the README);
                       --user attributes the rows to an account (default: the operator, unattributed)

Uses DATABASE_URL, or the embedded PostgreSQL of this checkout when it is unset.`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      revert: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'all-or-nothing': { type: 'boolean' },
      encoding: { type: 'string', default: 'auto' },
      user: { type: 'string' },
      period: { type: 'string' },
      cutoff: { type: 'string' },
      kind: { type: 'string' },
      lang: { type: 'string', default: 'zh-CN' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    console.warn(HELP);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  const url =
    config.database.url ??
    (embedded = await startEmbeddedPostgres({ dataDir: config.database.embeddedDir })).url;
  try {
    return await withDataSource(url, async (ds) => {
      switch (command) {
        case 'migrate': {
          if (values.revert) {
            await ds.undoLastMigration({ transaction: 'all' });
            console.warn('reverted the last migration');
          } else {
            const applied = await migrate(ds);
            console.warn(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
          }
          return 0;
        }
        case 'seed': {
          await migrate(ds);
          const report = await seed(ds, { demo: !values['no-demo'], config });
          console.warn(`rows inserted or changed: ${JSON.stringify(report)}`);
          return 0;
        }
        case 'db:reset': {
          if (config.env === 'production')
            throw new Error('db:reset refuses to run with NODE_ENV=production');
          await ds.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
          console.warn(`applied: ${(await migrate(ds)).join(', ')}`);
          return 0;
        }
        case 'score': {
          await migrate(ds);
          const period = values.period ?? '';
          if (!PERIOD_PATTERN.test(period) || (values.cutoff && Number.isNaN(Date.parse(values.cutoff)))) {
            console.error(`Usage: npm run cli -- score --period YYYY-MM [--cutoff ISO-TIME]\n\n${HELP}`);
            return 2;
          }
          const compliance = new ComplianceService(ds, config, new JobRunner(ds, config));
          const snapshot = await compliance.run(period, {
            cutoff: values.cutoff ? new Date(values.cutoff) : null,
            trigger: 'MANUAL',
          });
          console.warn(
            `snapshot ${snapshot.id} of ${snapshot.period}, data cut-off ${snapshot.dataCutoff.toISOString()}`,
          );
          for (const t of await compliance.targets(snapshot.id)) {
            console.warn(
              `${t.status.padEnd(9)} ${t.targetCode}  measured ${t.measuredValue ?? '-'}  expected ${t.expectedValue ?? '-'}  coverage ${t.coverage ?? '-'} %`,
            );
          }
          return 0;
        }
        case 'report': {
          await migrate(ds);
          const period = values.period ?? '';
          const kind = values.kind as ReportKind;
          const language = values.lang as ReportLanguage;
          if (
            !PERIOD_PATTERN.test(period) ||
            !REPORT_KINDS.includes(kind) ||
            !REPORT_LANGUAGES.includes(language) ||
            !values.out
          ) {
            console.error(
              `Usage: npm run cli -- report --kind ${REPORT_KINDS.join('|')} --period YYYY-MM [--lang zh-CN|en] --out FILE\n\n${HELP}`,
            );
            return 2;
          }
          const renderer = new ReportRenderer();
          try {
            const reports = new ReportsService(ds, renderer, new JobRunner(ds, config));
            const report = await reports.generate(kind, period, language, { trigger: 'MANUAL' });
            const { bytes } = await reports.content(report.id);
            writeFileSync(values.out, bytes);
            console.warn(
              `${values.out}: ${report.kind} ${report.period} ${report.language}, ${report.pageCount} pages, ` +
                `${report.sizeBytes} bytes, sha256 ${report.sha256}, snapshot ${report.snapshotId}, report ${report.id}`,
            );
          } finally {
            await renderer.onModuleDestroy();
          }
          return 0;
        }
        case 'audit': {
          if (positionals[1] !== 'verify') {
            console.error(`Usage: npm run cli -- audit verify\n\n${HELP}`);
            return 2;
          }
          const verdict = await verifyAuditChain(ds.manager);
          console.warn(
            verdict.ok
              ? `audit chain intact: ${verdict.events} events`
              : `audit chain BROKEN at event ${verdict.firstBroken!.seq}: ${verdict.firstBroken!.reason}`,
          );
          return verdict.ok ? 0 : 1;
        }
        case 'import': {
          if (positionals[1] !== 'adoption' || !positionals[2]) {
            console.error(`Usage: npm run cli -- import adoption FILE\n\n${HELP}`);
            return 2;
          }
          await migrate(ds);
          const summary = await importAdoptionFile(ds, config, positionals[2], {
            dryRun: values['dry-run'] ?? false,
            allOrNothing: values['all-or-nothing'] ?? false,
            encoding: values.encoding as CsvEncoding,
            userEmail: values.user,
          });
          const { errors, ...counts } = summary;
          console.warn(JSON.stringify(counts));
          for (const e of errors) console.warn(`line ${e.line}, ${e.column ?? '-'}: ${e.code}: ${e.message}`);
          return summary.rejected > 0 && !summary.applied ? 1 : 0;
        }
        default:
          console.error(`Unknown command "${command}".\n\n${HELP}`);
          return 2;
      }
    });
  } finally {
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
