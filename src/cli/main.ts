import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { migrate, seed, withDataSource } from '../database/prepare.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../database/embedded-postgres.js';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  migrate [--revert]   apply pending migrations (or revert the last one)
  seed [--no-demo]     upsert reference data (regions, hospital registry, indicators, policy library)
                       and, unless --no-demo, the demonstration accounts; safe to run again
  db:reset             drop every table and migrate again (refuses in production)

Uses DATABASE_URL, or the embedded PostgreSQL of this checkout when it is unset.`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      revert: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
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
          const report = await seed(ds, { demo: !values['no-demo'] });
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
