import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import { ConnectionArgs } from '../common/pagination.js';
import { DATE_PATTERN, DateScalar, DecimalScalar } from '../common/scalars.js';
import {
  ApplicationStateEnum,
  COST_TYPES,
  CostTypeEnum,
  DOCUMENT_KINDS,
  DocumentKindEnum,
  MODEL_CATEGORIES,
  ModelCategoryEnum,
  type CostType,
  type DocumentKind,
  type ModelCategory,
} from './subsidies.model.js';
import { APPLICATION_STATES, MONEY, type ApplicationState } from './subsidy-rules.js';
import { isValidUscc } from './uscc.js';

const DATE = DATE_PATTERN;
const MONEY_MESSAGE = 'must be a positive amount in yuan with at most two decimals, e.g. "1250000.00"';

@ValidatorConstraint({ name: 'uscc' })
class UsccConstraint implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && isValidUscc(value);
  }
  defaultMessage() {
    return 'is not a valid unified social credit code (18 characters, GB 32100-2015 check character)';
  }
}

@InputType()
export class ContractInput {
  @Field(() => String)
  @IsString()
  @Length(1, 200)
  providerName: string;

  @Field(() => String, { description: "The provider's unified social credit code." })
  @Validate(UsccConstraint)
  providerUscc: string;

  @Field(() => String)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9\-_/]{0,63}$/, { message: 'letters, digits, - _ / only, at most 64' })
  contractNumber: string;

  @Field(() => CostTypeEnum)
  @IsIn(COST_TYPES)
  costType: CostType;

  @Field(() => DateScalar)
  @Matches(DATE)
  startDate: string;

  @Field(() => DateScalar)
  @Matches(DATE)
  endDate: string;

  @Field(() => DecimalScalar)
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;
}

@InputType()
export class InvoiceInput {
  @Field(() => String)
  @IsString()
  @Length(1, 64)
  contractNumber: string;

  @Field(() => String)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9\-_/]{0,63}$/, { message: 'letters, digits, - _ / only, at most 64' })
  invoiceNumber: string;

  @Field(() => DateScalar)
  @Matches(DATE)
  issuedOn: string;

  @Field(() => DecimalScalar)
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;
}

@InputType()
export class ApplicationDraftInput {
  @Field(() => String)
  @IsString()
  @Length(1, 200)
  modelName: string;

  @Field(() => ModelCategoryEnum)
  @IsIn(MODEL_CATEGORIES)
  modelCategory: ModelCategory;

  @Field(() => String, {
    description: 'Benchmarks, certifications, deployments that show the model competes.',
  })
  @IsString()
  @Length(1, 5000)
  competitivenessEvidence: string;

  @Field(() => [ContractInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContractInput)
  contracts: ContractInput[];

  @Field(() => [InvoiceInput], { defaultValue: [] })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InvoiceInput)
  invoices: InvoiceInput[] = [];
}

@InputType()
export class CreateSubsidyApplicationInput extends ApplicationDraftInput {
  @Field(() => String)
  @IsString()
  @Length(1, 64)
  programCode: string;

  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first result.' })
  @IsOptional()
  @Length(8, 200)
  idempotencyKey?: string;
}

@InputType()
export class UpdateSubsidyApplicationInput extends ApplicationDraftInput {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@InputType()
export class SubmitSubsidyApplicationInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(8, 200)
  idempotencyKey?: string;
}

@InputType()
export class DecisionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { description: 'Required: the written reason, kept in the audit trail.' })
  @IsString()
  @Length(10, 5000, { message: 'a written justification of at least 10 characters is required' })
  justification: string;
}

export const REVIEW_DECISIONS = ['START_REVIEW', 'APPROVE', 'REJECT'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

@InputType()
export class ReviewSubsidyApplicationInput extends DecisionInput {
  @Field(() => String, { description: 'START_REVIEW, APPROVE or REJECT.' })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;
}

@InputType()
export class RecordPaymentInput extends DecisionInput {
  @Field(() => DecimalScalar, {
    description: 'At most the approved amount; the rest is released to the pool.',
  })
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;

  @Field(() => String, { description: 'Treasury payment reference.' })
  @IsString()
  @Length(1, 100)
  reference: string;
}

@InputType()
export class ClawBackInput extends DecisionInput {
  @Field(() => DecimalScalar, { description: 'At most the amount paid.' })
  @Matches(MONEY, { message: MONEY_MESSAGE })
  amount: string;
}

@InputType()
export class AddRuleVersionInput {
  @Field(() => String)
  @IsString()
  @Length(1, 64)
  programCode: string;

  @Field(() => DateScalar, {
    description: 'From tomorrow at the earliest: a rule never applies to the past.',
  })
  @Matches(DATE)
  effectiveFrom: string;

  @Field(() => DecimalScalar, { description: 'Share of eligible cost, above 0 and at most 1.' })
  @Matches(/^(?!0(\.0{1,6})?$)(0(\.\d{1,6})?|1(\.0{1,6})?)$/, {
    message: 'must be a decimal between 0 and 1 with at most 6 decimals',
  })
  rate: string;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  perClaimCap?: string;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  companyCap?: string;

  @Field(() => String, { description: 'YEAR or PROGRAM.' })
  @IsIn(['YEAR', 'PROGRAM'])
  companyCapPeriod: 'YEAR' | 'PROGRAM';

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(MONEY, { message: MONEY_MESSAGE })
  yearlyPool?: string;

  @Field(() => [CostTypeEnum])
  @IsIn(COST_TYPES, { each: true })
  eligibleCostTypes: CostType[];

  @Field(() => [DocumentKindEnum])
  @IsIn(DOCUMENT_KINDS, { each: true })
  requiredDocuments: DocumentKind[];

  @Field(() => String)
  @IsString()
  @Length(5, 1000)
  source: string;

  @Field(() => String, { description: 'PRIMARY_TEXT, OFFICIAL_SUMMARY, PRESS_REPORT or UNVERIFIED.' })
  @IsIn(['PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED'])
  confidence: 'PRIMARY_TEXT' | 'OFFICIAL_SUMMARY' | 'PRESS_REPORT' | 'UNVERIFIED';

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  assumption?: string;
}

@InputType()
export class ApplicationFilter {
  @Field(() => ApplicationStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: ApplicationState;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  programCode?: string;

  @Field(() => ID, { nullable: true, description: 'Regulators only; a company sees its own anyway.' })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}

@ArgsType()
export class ApplicationsArgs extends ConnectionArgs {
  @Field(() => ApplicationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationFilter)
  filter?: ApplicationFilter;
}

@InputType()
export class SubmitRedemptionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => [InvoiceInput], {
    defaultValue: [],
    description: 'Invoices not yet given with the application.',
  })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InvoiceInput)
  invoices: InvoiceInput[] = [];
}
