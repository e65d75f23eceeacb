import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/access.decorators.js';
import type { Connection } from '../common/pagination.js';
import { PeriodScalar } from '../common/scalars.js';
import type { ReportKind } from './report-data.js';
import {
  Report,
  ReportConnection,
  ReportKindEnum,
  ReportLanguageEnum,
  ReportsArgs,
} from './reports.model.js';
import { ReportsService } from './reports.service.js';

@Resolver(() => Report)
export class ReportsResolver {
  constructor(private readonly service: ReportsService) {}

  @Roles('REGULATOR', 'ADMIN')
  @Query(() => ReportConnection, { description: 'The report archive, newest first.' })
  reports(@Args() args: ReportsArgs): Promise<Connection<Report>> {
    return this.service.list(args);
  }

  @Roles('REGULATOR', 'ADMIN')
  @Mutation(() => Report, {
    description:
      "Renders a report from the month's latest snapshot and archives it (the same snapshot and template give the stored copy back).",
  })
  generateReport(
    @Args('kind', { type: () => ReportKindEnum }) kind: ReportKind,
    @Args('period', { type: () => PeriodScalar }) period: string,
    @Args('language', { type: () => ReportLanguageEnum, defaultValue: ReportLanguageEnum.ZH_CN })
    language: ReportLanguageEnum,
    @CurrentUser() user: AuthUser,
  ): Promise<Report> {
    return this.service.generate(kind, period, language, { trigger: 'MANUAL', user });
  }
}
