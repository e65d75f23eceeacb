import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/access.decorators.js';
import { ConnectionArgs, type Connection } from '../common/pagination.js';
import { JobRun, JobRunConnection } from './job-run.model.js';
import { JobRunsService } from './job-runs.service.js';

@Resolver(() => JobRun)
export class JobRunsResolver {
  constructor(private readonly runs: JobRunsService) {}

  @Roles('REGULATOR', 'ADMIN')
  @Query(() => JobRunConnection, { description: 'Scheduled and manual job runs, newest first.' })
  jobRuns(@Args() args: ConnectionArgs): Promise<Connection<JobRun>> {
    return this.runs.list(args);
  }
}
