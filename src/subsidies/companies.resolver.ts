import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { User } from '../auth/user.model.js';
import type { RequestContext } from '../common/request-context.js';
import { Company } from './company.model.js';
import { CompaniesService } from './companies.service.js';

@Resolver(() => User)
export class UserCompanyResolver {
  constructor(private readonly companies: CompaniesService) {}

  @ResolveField(() => Company, { nullable: true, description: 'The company a COMPANY user files for.' })
  company(@Parent() user: User, @Context() context: RequestContext): Promise<Company | null> {
    return user.companyId ? this.companies.byId(context, user.companyId) : Promise.resolve(null);
  }
}
