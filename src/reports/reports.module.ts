import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { ReportRenderer } from './report-renderer.js';
import { ReportsController } from './reports.controller.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [JobsModule],
  controllers: [ReportsController],
  providers: [ReportRenderer, ReportsService, ReportsResolver],
  exports: [ReportsService],
})
export class ReportsModule {}
