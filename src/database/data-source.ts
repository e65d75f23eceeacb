import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { UserEntity } from '../auth/user.entity.js';
import { AdoptionReportEntity } from '../adoption/adoption-report.entity.js';
import { IndicatorEntity } from '../adoption/indicator.entity.js';
import { ReportingWindowExceptionEntity } from '../adoption/reporting-window-exception.entity.js';
import { PolicyEntity } from '../policies/policy.entity.js';
import { TargetEntity } from '../policies/target.entity.js';
import { TargetVersionEntity } from '../policies/target-version.entity.js';
import { OperationalisationEntity } from '../policies/operationalisation.entity.js';
import { HospitalEntity } from '../registry/hospital.entity.js';
import { RegionEntity } from '../registry/region.entity.js';
import { CompanyEntity } from '../subsidies/company.entity.js';

// DATE columns stay "YYYY-MM-DD" strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export const entities = [
  RegionEntity,
  HospitalEntity,
  IndicatorEntity,
  AdoptionReportEntity,
  ReportingWindowExceptionEntity,
  PolicyEntity,
  TargetEntity,
  TargetVersionEntity,
  OperationalisationEntity,
  CompanyEntity,
  UserEntity,
];

/** One definition shared by the app, the CLI and the tests, so all three see the same schema. */
export function dataSourceOptions(
  url: string,
  options: { poolSize?: number; statementTimeoutMs?: number; applicationName?: string; role?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    logging: ['error'],
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'yardstick',
      // A runaway query is cut by PostgreSQL itself rather than holding a pooled connection forever.
      statement_timeout: options.statementTimeoutMs ?? 15000,
      // The app runs as a role that owns nothing and is subject to row-level security (migration Tenancy).
      ...(options.role ? { options: `-c role=${options.role}` } : {}),
    },
  };
}

/** For the TypeORM CLI (`npm run migration:generate`), which needs a module exporting a DataSource. */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/yardstick'),
);
