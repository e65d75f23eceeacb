import { Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, Roles } from '../auth/access.decorators.js';
import { Indicator } from './indicator.model.js';
import { IndicatorsService } from './indicators.service.js';

@Resolver(() => Indicator)
export class IndicatorsResolver {
  constructor(private readonly service: IndicatorsService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [Indicator], { description: 'Every indicator, by code.' })
  indicators(): Promise<Indicator[]> {
    return this.service.all();
  }
}
