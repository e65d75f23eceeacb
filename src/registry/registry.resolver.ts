import { Args, Context, ID, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selects } from '../common/lookahead.js';
import { ANY_ROLE, Roles } from '../auth/access.decorators.js';
import { User } from '../auth/user.model.js';
import type { Connection } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { HospitalsArgs } from './hospitals.args.js';
import { Hospital, HospitalConnection, Region } from './registry.model.js';
import { RegistryService } from './registry.service.js';

// Registry data is public sector reference data: every signed-in role may read it.
@Resolver(() => Region)
export class RegionResolver {
  constructor(private readonly registry: RegistryService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [Region], { description: 'The nation and the province-level divisions, by code.' })
  regions(): Promise<Region[]> {
    return this.registry.regions();
  }

  @Roles(...ANY_ROLE)
  @Query(() => Region)
  region(@Args('code', { type: () => String }) code: string): Promise<Region> {
    return this.registry.region(code);
  }

  @ResolveField(() => Region, { nullable: true })
  parent(@Parent() region: Region, @Context() context: RequestContext): Promise<Region | null> {
    return region.parentCode ? this.registry.regionByCode(context, region.parentCode) : Promise.resolve(null);
  }

  @ResolveField(() => [Region])
  children(@Parent() region: Region, @Context() context: RequestContext): Promise<Region[]> {
    return this.registry.regionChildren(context, region.code);
  }
}

@Resolver(() => Hospital)
export class HospitalResolver {
  constructor(private readonly registry: RegistryService) {}

  @Roles(...ANY_ROLE)
  @Query(() => HospitalConnection, {
    description: 'The hospital registry, filtered, in pages of at most 100.',
  })
  hospitals(
    @Args() args: HospitalsArgs,
    @Context() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Hospital>> {
    return this.registry.hospitals(args, context, selects(info, ['totalCount']));
  }

  @Roles(...ANY_ROLE)
  @Query(() => Hospital)
  hospital(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: RequestContext,
  ): Promise<Hospital> {
    return this.registry.hospital(id, context);
  }

  @ResolveField(() => Region)
  async region(@Parent() hospital: Hospital, @Context() context: RequestContext): Promise<Region | null> {
    return this.registry.regionByCode(context, hospital.regionCode);
  }
}

@Resolver(() => User)
export class UserHospitalResolver {
  constructor(private readonly registry: RegistryService) {}

  @ResolveField(() => Hospital, { nullable: true, description: 'The hospital a HOSPITAL user reports for.' })
  hospital(@Parent() user: User, @Context() context: RequestContext): Promise<Hospital | null> {
    return user.hospitalId ? this.registry.hospitalById(context, user.hospitalId) : Promise.resolve(null);
  }
}
