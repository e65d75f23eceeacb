import {
  Args,
  Context,
  GraphQLISODateTime,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/access.decorators.js';
import { AppError } from '../common/app-error.js';
import type { Connection } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { PeriodScalar } from '../common/scalars.js';
import { Target } from '../policies/policy.model.js';
import { PoliciesService } from '../policies/policies.service.js';
import { Region } from '../registry/registry.model.js';
import { RegistryService } from '../registry/registry.service.js';
import {
  ComplianceSnapshot,
  ComplianceSnapshotConnection,
  RegionCompliance,
  SnapshotsArgs,
  StatusCount,
  TargetCompliance,
} from './compliance.model.js';
import { ComplianceService } from './compliance.service.js';

const READERS = ['REGULATOR', 'ADMIN'] as const;

@Resolver(() => ComplianceSnapshot)
export class ComplianceSnapshotResolver {
  constructor(private readonly service: ComplianceService) {}

  @Roles(...READERS)
  @Query(() => ComplianceSnapshot, {
    nullable: true,
    description: 'The latest snapshot of a month (null when the month has not been scored).',
  })
  compliance(
    @Args('period', { type: () => PeriodScalar }) period: string,
  ): Promise<ComplianceSnapshot | null> {
    return this.service.latest(period);
  }

  @Roles(...READERS)
  @Query(() => ComplianceSnapshotConnection, { description: 'Every snapshot, newest first.' })
  complianceSnapshots(@Args() args: SnapshotsArgs): Promise<Connection<ComplianceSnapshot>> {
    return this.service.snapshots(args);
  }

  @Roles(...READERS)
  @Mutation(() => ComplianceSnapshot, {
    description:
      'Scores every target for a month now and returns the new snapshot. The cut-off defaults to now; a past cut-off rebuilds the month as it was known then.',
  })
  runComplianceScoring(
    @Args('period', { type: () => PeriodScalar }) period: string,
    @Args('cutoff', { type: () => GraphQLISODateTime, nullable: true }) cutoff: Date | null,
    @CurrentUser() user: AuthUser,
  ): Promise<ComplianceSnapshot> {
    return this.service.run(period, { cutoff, trigger: 'MANUAL', user });
  }

  @ResolveField(() => [TargetCompliance])
  targets(@Parent() snapshot: ComplianceSnapshot): Promise<TargetCompliance[]> {
    return this.service.targets(snapshot.id);
  }

  @ResolveField(() => [StatusCount], { description: 'How many targets are in each status.' })
  summary(@Parent() snapshot: ComplianceSnapshot): Promise<StatusCount[]> {
    return this.service.summary(snapshot.id);
  }
}

@Resolver(() => TargetCompliance)
export class TargetComplianceResolver {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly policies: PoliciesService,
    private readonly registry: RegistryService,
  ) {}

  @ResolveField(() => Target)
  target(@Parent() result: TargetCompliance, @Context() context: RequestContext): Promise<Target | null> {
    return this.policies.targetByCode(context, result.targetCode);
  }

  @ResolveField(() => Region, { description: "The target's scope." })
  region(@Parent() result: TargetCompliance, @Context() context: RequestContext): Promise<Region | null> {
    return this.registry.regionByCode(context, result.regionCode);
  }

  @ResolveField(() => [RegionCompliance], {
    description: 'Per province, best first, for national share targets; empty for the others.',
  })
  byRegion(
    @Parent() result: TargetCompliance,
    @Context() context: RequestContext,
  ): Promise<RegionCompliance[]> {
    return this.compliance.byRegion(context, result.snapshotId, result.targetCode);
  }
}

@Resolver(() => RegionCompliance)
export class RegionComplianceResolver {
  constructor(private readonly registry: RegistryService) {}

  @ResolveField(() => Region)
  region(@Parent() result: RegionCompliance, @Context() context: RequestContext): Promise<Region | null> {
    return this.registry.regionByCode(context, result.regionCode);
  }
}

@Resolver(() => Target)
export class TargetComplianceFieldResolver {
  constructor(private readonly service: ComplianceService) {}

  @ResolveField(() => TargetCompliance, {
    nullable: true,
    description: 'The result in the latest snapshot of the month (regulators and administrators only).',
  })
  compliance(
    @Parent() target: Target,
    @Args('period', { type: () => PeriodScalar }) period: string,
    @Context() context: RequestContext,
  ): Promise<TargetCompliance | null> {
    const role = context.req.user?.role;
    if (role !== 'REGULATOR' && role !== 'ADMIN') {
      throw new AppError('FORBIDDEN', 'Compliance results are for regulators and administrators');
    }
    return this.service.forTarget(context, target.code, period);
  }
}
