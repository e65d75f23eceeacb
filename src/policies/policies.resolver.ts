import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Indicator } from '../adoption/indicator.model.js';
import { IndicatorsService } from '../adoption/indicators.service.js';
import { ANY_ROLE, Roles } from '../auth/access.decorators.js';
import type { Connection } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Policy, Target, TargetConnection, TargetVersion } from './policy.model.js';
import { PoliciesService } from './policies.service.js';
import { TargetsArgs } from './targets.args.js';

@Resolver(() => Policy)
export class PolicyResolver {
  constructor(private readonly service: PoliciesService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [Policy], { description: 'The policy library: every source document, oldest first.' })
  policies(): Promise<Policy[]> {
    return this.service.policies();
  }

  @ResolveField(() => [Target])
  async targets(@Parent() policy: Policy, @Context() context: RequestContext): Promise<Target[]> {
    return (await this.service.targetsOfPolicy(context, policy.code)) ?? [];
  }
}

@Resolver(() => Target)
export class TargetResolver {
  constructor(
    private readonly policies: PoliciesService,
    private readonly indicators: IndicatorsService,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => TargetConnection, { description: 'Targets as they stand today, filtered, in pages.' })
  targets(@Args() args: TargetsArgs): Promise<Connection<Target>> {
    return this.policies.targets(args);
  }

  @Roles(...ANY_ROLE)
  @Query(() => Target)
  target(@Args('code', { type: () => String }) code: string): Promise<Target> {
    return this.policies.target(code);
  }

  @ResolveField(() => Policy, { description: 'The source document.' })
  policy(@Parent() target: Target, @Context() context: RequestContext): Promise<Policy | null> {
    return this.policies.policyByCode(context, target.policyCode);
  }

  @ResolveField(() => Indicator)
  indicator(@Parent() target: Target, @Context() context: RequestContext): Promise<Indicator | null> {
    return this.indicators.byCode(context, target.indicatorCode);
  }

  @ResolveField(() => [TargetVersion], { description: 'Every version, oldest first.' })
  async versions(@Parent() target: Target, @Context() context: RequestContext): Promise<TargetVersion[]> {
    return (await this.policies.versionsOfTarget(context, target.code)) ?? [];
  }
}
