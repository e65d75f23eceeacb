import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { JobsModule } from './jobs.module.js';
import { JobScheduler } from './scheduler.service.js';

/** The scheduled jobs; separate from JobsModule so that the contexts the jobs call can depend on the runner. */
@Module({
  imports: [JobsModule, ComplianceModule, ReportsModule],
  providers: [JobScheduler],
  exports: [JobScheduler],
})
export class SchedulerModule {}
