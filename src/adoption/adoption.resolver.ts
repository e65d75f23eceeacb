import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { subfieldNames } from '../common/lookahead.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/access.decorators.js';
import type { Connection } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Hospital, Region } from '../registry/registry.model.js';
import {
  AdoptionSeriesArgs,
  CompletenessArgs,
  HospitalAdoptionArgs,
  RegionAdoptionArgs,
  RevisionsArgs,
  WarningsArgs,
} from './adoption.args.js';
import {
  AdoptionPoint,
  AdoptionSeries,
  AdoptionValue,
  DataQualityWarning,
  DataQualityWarningConnection,
  IntakeSummary,
  OpenReportingWindowInput,
  ReportingCompleteness,
  ReportingWindowException,
  SubmitAdoptionReportsInput,
} from './adoption.model.js';
import { AdoptionIntakeService } from './adoption-intake.service.js';
import { AdoptionReadService } from './adoption-read.service.js';

@Resolver()
export class AdoptionResolver {
  constructor(private readonly reads: AdoptionReadService) {}

  @Roles('REGULATOR', 'ADMIN', 'HOSPITAL')
  @Query(() => AdoptionSeries, { description: 'Monthly values of one indicator for a hospital or a region.' })
  adoptionSeries(@CurrentUser() user: AuthUser, @Args() args: AdoptionSeriesArgs): Promise<AdoptionSeries> {
    return this.reads.series(user, args);
  }

  @Roles('REGULATOR', 'ADMIN', 'HOSPITAL')
  @Query(() => [AdoptionValue], { description: 'Every revision of one value, oldest first.' })
  adoptionRevisions(@CurrentUser() user: AuthUser, @Args() args: RevisionsArgs): Promise<AdoptionValue[]> {
    return this.reads.revisions(user, args);
  }

  @Roles('REGULATOR', 'ADMIN')
  @Query(() => [ReportingCompleteness], {
    description: 'Per province: hospitals that reported for the month.',
  })
  reportingCompleteness(@Args() args: CompletenessArgs): Promise<ReportingCompleteness[]> {
    return this.reads.completeness(args.period, args.indicatorCode, args.asOf);
  }

  @Roles('REGULATOR', 'ADMIN')
  @Query(() => DataQualityWarningConnection, { description: 'Accepted values that look implausible.' })
  dataQualityWarnings(@Args() args: WarningsArgs): Promise<Connection<DataQualityWarning>> {
    return this.reads.warnings(args);
  }

  @Roles('REGULATOR')
  @Mutation(() => ReportingWindowException, {
    description: 'Reopen a closed month for one hospital, one region or everyone, until a given time.',
  })
  openReportingWindow(
    @CurrentUser() user: AuthUser,
    @Args('input') input: OpenReportingWindowInput,
  ): Promise<ReportingWindowException> {
    return this.reads.openWindow(user, input);
  }
}

@Resolver()
export class AdoptionIntakeResolver {
  constructor(private readonly intake: AdoptionIntakeService) {}

  @Roles('REGULATOR', 'HOSPITAL')
  @Mutation(() => IntakeSummary, {
    description: 'Report a batch of monthly values (a HOSPITAL user for its own hospital only).',
  })
  submitAdoptionReports(
    @CurrentUser() user: AuthUser,
    @Args('input') input: SubmitAdoptionReportsInput,
  ): Promise<IntakeSummary> {
    return this.intake.intakeRows(
      input.reports.map((report, i) => ({ line: i + 1, ...report })),
      { channel: 'API', user, dryRun: input.dryRun, allOrNothing: input.allOrNothing },
    );
  }
}

@Resolver(() => Hospital)
export class HospitalAdoptionResolver {
  constructor(private readonly reads: AdoptionReadService) {}

  @ResolveField(() => [AdoptionValue], {
    description:
      'The values reported for these months (latest revision as known at asOf), by indicator and month.',
  })
  adoption(
    @Parent() hospital: Hospital,
    @Context() context: RequestContext,
    @Args() args: HospitalAdoptionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AdoptionValue[]> {
    this.reads.assertMayReadHospital(context.req.user, hospital.id);
    return this.reads.hospitalValues(context, hospital.id, args, subfieldNames(info));
  }
}

@Resolver(() => Region)
export class RegionAdoptionResolver {
  constructor(private readonly reads: AdoptionReadService) {}

  @ResolveField(() => [AdoptionPoint], { description: 'The aggregate per month, with coverage.' })
  adoption(
    @Parent() region: Region,
    @Context() context: RequestContext,
    @Args() args: RegionAdoptionArgs,
  ): Promise<AdoptionPoint[]> {
    this.reads.assertMayReadAggregates(context.req.user);
    return this.reads.regionPoints(context, region.code, args);
  }
}
