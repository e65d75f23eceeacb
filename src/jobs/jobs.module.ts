import { Module } from '@nestjs/common';
import { JobRunner } from './job-runner.js';
import { JobRunsResolver } from './jobs.resolver.js';
import { JobRunsService } from './job-runs.service.js';

@Module({
  providers: [JobRunner, JobRunsService, JobRunsResolver],
  exports: [JobRunner],
})
export class JobsModule {}
