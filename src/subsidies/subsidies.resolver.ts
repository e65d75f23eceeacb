import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/app-error.js';
import { CurrentUser, Roles } from '../auth/access.decorators.js';
import type { Connection } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Company } from './company.model.js';
import { CompaniesService } from './companies.service.js';
import {
  AddRuleVersionInput,
  ApplicationsArgs,
  ClawBackInput,
  CreateSubsidyApplicationInput,
  DecisionInput,
  RecordPaymentInput,
  ReviewSubsidyApplicationInput,
  SubmitRedemptionInput,
  SubmitSubsidyApplicationInput,
  UpdateSubsidyApplicationInput,
} from './subsidies.inputs.js';
import {
  ApplicationDocument,
  AuditEventModel,
  ComputeContract,
  EligibilityReport,
  Invoice,
  ProgramLedger,
  SubsidyApplication,
  SubsidyApplicationConnection,
  SubsidyProgram,
  SubsidyRuleVersion,
} from './subsidies.model.js';
import { SubsidiesService } from './subsidies.service.js';

@Resolver(() => SubsidyProgram)
export class SubsidyProgramResolver {
  constructor(private readonly subsidies: SubsidiesService) {}

  @Roles('REGULATOR', 'ADMIN', 'COMPANY')
  @Query(() => [SubsidyProgram], { description: 'Compute-subsidy programmes.' })
  subsidyPrograms(): Promise<SubsidyProgram[]> {
    return this.subsidies.programs();
  }

  @ResolveField(() => [SubsidyRuleVersion], { description: 'Every rule version, oldest first.' })
  async ruleVersions(
    @Parent() program: SubsidyProgram,
    @Context() context: RequestContext,
  ): Promise<SubsidyRuleVersion[]> {
    return (await this.subsidies.ruleVersions(context, program.code)) ?? [];
  }

  @ResolveField(() => [ProgramLedger], {
    description: 'Pool, committed, paid and clawed back, per budget year.',
  })
  ledger(@Parent() program: SubsidyProgram): Promise<ProgramLedger[]> {
    return this.subsidies.ledger(program.code);
  }

  @Roles('REGULATOR', 'ADMIN')
  @Mutation(() => SubsidyRuleVersion, {
    description: 'Add a dated rule version; decisions taken keep theirs.',
  })
  addSubsidyRuleVersion(
    @CurrentUser() user: AuthUser,
    @Args('input') input: AddRuleVersionInput,
  ): Promise<SubsidyRuleVersion> {
    return this.subsidies.addRuleVersion(user, input);
  }
}

@Resolver(() => SubsidyApplication)
export class SubsidyApplicationResolver {
  constructor(
    private readonly subsidies: SubsidiesService,
    private readonly companies: CompaniesService,
  ) {}

  @Roles('REGULATOR', 'ADMIN', 'COMPANY')
  @Query(() => SubsidyApplicationConnection, { description: 'Newest first. A company sees only its own.' })
  subsidyApplications(
    @CurrentUser() user: AuthUser,
    @Args() args: ApplicationsArgs,
  ): Promise<Connection<SubsidyApplication>> {
    return this.subsidies.list(user, args);
  }

  @Roles('REGULATOR', 'ADMIN', 'COMPANY')
  @Query(() => SubsidyApplication)
  subsidyApplication(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SubsidyApplication> {
    return this.subsidies.get(user, id);
  }

  @Roles('REGULATOR', 'ADMIN', 'COMPANY')
  @Query(() => [AuditEventModel], { description: 'The audit events of one entity, in order.' })
  auditTrail(@CurrentUser() user: AuthUser, @Args('entityId', { type: () => ID }) entityId: string) {
    return this.subsidies.auditTrail(user, entityId);
  }

  @Roles('COMPANY')
  @Mutation(() => SubsidyApplication)
  createSubsidyApplication(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateSubsidyApplicationInput,
  ) {
    return this.subsidies.create(user, input);
  }

  @Roles('COMPANY')
  @Mutation(() => SubsidyApplication, { description: 'Replace a draft’s model, contracts and invoices.' })
  updateSubsidyApplication(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateSubsidyApplicationInput,
  ) {
    return this.subsidies.update(user, input);
  }

  @Roles('COMPANY')
  @Mutation(() => SubsidyApplication)
  submitSubsidyApplication(
    @CurrentUser() user: AuthUser,
    @Args('input') input: SubmitSubsidyApplicationInput,
  ) {
    return this.subsidies.submit(user, input);
  }

  @Roles('COMPANY')
  @Mutation(() => SubsidyApplication)
  withdrawSubsidyApplication(@CurrentUser() user: AuthUser, @Args('input') input: DecisionInput) {
    return this.subsidies.withdraw(user, input);
  }

  @Roles('REGULATOR')
  @Mutation(() => SubsidyApplication, {
    description: 'START_REVIEW, APPROVE (reserves the amount) or REJECT.',
  })
  reviewSubsidyApplication(
    @CurrentUser() user: AuthUser,
    @Args('input') input: ReviewSubsidyApplicationInput,
  ) {
    return this.subsidies.review(user, input);
  }

  @Roles('COMPANY')
  @Mutation(() => SubsidyApplication)
  submitRedemption(@CurrentUser() user: AuthUser, @Args('input') input: SubmitRedemptionInput) {
    return this.subsidies.submitRedemption(user, input);
  }

  @Roles('REGULATOR')
  @Mutation(() => SubsidyApplication)
  recordPayment(@CurrentUser() user: AuthUser, @Args('input') input: RecordPaymentInput) {
    return this.subsidies.recordPayment(user, input);
  }

  @Roles('REGULATOR')
  @Mutation(() => SubsidyApplication)
  clawBackSubsidy(@CurrentUser() user: AuthUser, @Args('input') input: ClawBackInput) {
    return this.subsidies.clawBack(user, input);
  }

  @ResolveField(() => Company)
  company(
    @Parent() application: SubsidyApplication,
    @Context() context: RequestContext,
  ): Promise<Company | null> {
    return this.companies.byId(context, application.companyId);
  }

  @ResolveField(() => [ComputeContract])
  async contracts(@Parent() application: SubsidyApplication, @Context() context: RequestContext) {
    return (await this.subsidies.contracts(context, application.id)) ?? [];
  }

  @ResolveField(() => [Invoice])
  async invoices(@Parent() application: SubsidyApplication, @Context() context: RequestContext) {
    return (await this.subsidies.invoices(context, application.id)) ?? [];
  }

  @ResolveField(() => [ApplicationDocument])
  async documents(@Parent() application: SubsidyApplication, @Context() context: RequestContext) {
    return (await this.subsidies.documents(context, application.id)) ?? [];
  }

  @ResolveField(() => EligibilityReport, { description: 'Every eligibility check, computed now.' })
  eligibility(
    @Parent() application: SubsidyApplication,
    @Context() context: RequestContext,
  ): Promise<EligibilityReport> {
    if (!context.req.user) throw AppError.unauthenticated();
    return this.subsidies.eligibility(context.req.user, application.id);
  }
}
