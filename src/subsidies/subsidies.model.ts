import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../common/enums.js';
import { GraphQLJSON } from 'graphql-type-json';
import { ConnectionType } from '../common/pagination.js';
import { DateScalar, DecimalScalar } from '../common/scalars.js';
import { AuthorityLevelEnum, ConfidenceEnum } from '../policies/policy.model.js';
import type { AuthorityLevel, Confidence } from '../policies/policy.entity.js';
import { ELIGIBILITY_CHECKS, type EligibilityCheckCode } from './eligibility.js';
import { APPLICATION_STATES, TRANSITION_ACTIONS, type ApplicationState } from './subsidy-rules.js';

export const ApplicationStateEnum = asEnum(APPLICATION_STATES);
registerEnumType(ApplicationStateEnum, { name: 'ApplicationState' });
export const TransitionActionEnum = asEnum(TRANSITION_ACTIONS);
registerEnumType(TransitionActionEnum, { name: 'TransitionAction' });
export const MODEL_CATEGORIES = [
  'MEDICAL_IMAGING',
  'CLINICAL_DECISION_SUPPORT',
  'MEDICAL_LARGE_MODEL',
  'DRUG_DISCOVERY',
  'NON_MEDICAL',
] as const;
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];
export const ModelCategoryEnum = asEnum(MODEL_CATEGORIES);
registerEnumType(ModelCategoryEnum, { name: 'ModelCategory' });
export const DOCUMENT_KINDS = ['CONTRACT', 'INVOICE', 'DELIVERY_PROOF', 'MODEL_EVIDENCE'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DocumentKindEnum = asEnum(DOCUMENT_KINDS);
registerEnumType(DocumentKindEnum, { name: 'DocumentKind' });
export const COST_TYPES = [
  'COMPUTE_RENTAL',
  'COMPUTE_SERVICE',
  'MODEL_TRAINING_SERVICE',
  'HARDWARE_PURCHASE',
] as const;
export type CostType = (typeof COST_TYPES)[number];
export const CostTypeEnum = asEnum(COST_TYPES);
registerEnumType(CostTypeEnum, { name: 'CostType' });
export const EligibilityCheckCodeEnum = asEnum(ELIGIBILITY_CHECKS);
registerEnumType(EligibilityCheckCodeEnum, { name: 'EligibilityCheckCode' });
export const CompanyCapPeriodEnum = asEnum(['YEAR', 'PROGRAM'] as const);
registerEnumType(CompanyCapPeriodEnum, { name: 'CompanyCapPeriod' });

@ObjectType({
  description: 'The parameters of a programme from a date on; a later version never rewrites the past.',
})
export class SubsidyRuleVersion {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => DecimalScalar, { description: 'Share of eligible cost paid, e.g. "0.300000".' })
  rate: string;

  @Field(() => DecimalScalar, { nullable: true })
  perClaimCap: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  companyCap: string | null;

  @Field(() => CompanyCapPeriodEnum)
  companyCapPeriod: 'YEAR' | 'PROGRAM';

  @Field(() => DecimalScalar, { nullable: true })
  yearlyPool: string | null;

  @Field(() => [CostTypeEnum])
  eligibleCostTypes: CostType[];

  @Field(() => [DocumentKindEnum])
  requiredDocuments: DocumentKind[];

  @Field(() => String)
  source: string;

  @Field(() => ConfidenceEnum)
  confidence: Confidence;

  @Field(() => String, { nullable: true, description: 'What was assumed where the source is silent.' })
  assumption: string | null;
}

@ObjectType({ description: 'Committed and paid amounts of a programme for one budget year.' })
export class ProgramLedger {
  @Field(() => Int)
  budgetYear: number;

  @Field(() => DecimalScalar, { nullable: true })
  pool: string | null;

  @Field(() => DecimalScalar, { description: 'Reserved on approval, less releases and claw-backs.' })
  committed: string;

  @Field(() => DecimalScalar)
  paid: string;

  @Field(() => DecimalScalar)
  clawedBack: string;

  @Field(() => DecimalScalar, { nullable: true })
  remaining: string | null;
}

@ObjectType()
export class SubsidyProgram {
  @Field(() => ID)
  code: string;

  @Field(() => String)
  nameZh: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => String)
  issuerEn: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => DateScalar)
  windowStart: string;

  @Field(() => DateScalar)
  windowEnd: string;

  @Field(() => AuthorityLevelEnum)
  authorityLevel: AuthorityLevel;

  @Field(() => ConfidenceEnum)
  confidence: Confidence;

  @Field(() => String)
  source: string;
}

@ObjectType()
export class ComputeContract {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  providerName: string;

  @Field(() => String)
  providerUscc: string;

  @Field(() => String)
  contractNumber: string;

  @Field(() => CostTypeEnum)
  costType: CostType;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => DateScalar)
  endDate: string;

  @Field(() => DecimalScalar)
  amount: string;

  applicationId: string;
}

@ObjectType()
export class Invoice {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  contractNumber: string;

  @Field(() => String)
  invoiceNumber: string;

  @Field(() => DateScalar)
  issuedOn: string;

  @Field(() => DecimalScalar)
  amount: string;

  applicationId: string;
}

@ObjectType()
export class ApplicationDocument {
  @Field(() => ID)
  id: string;

  @Field(() => DocumentKindEnum)
  kind: DocumentKind;

  @Field(() => String)
  fileName: string;

  @Field(() => String)
  mediaType: string;

  @Field(() => Int)
  sizeBytes: number;

  @Field(() => String)
  sha256: string;

  @Field(() => GraphQLISODateTime)
  uploadedAt: Date;

  applicationId: string;
}

@ObjectType()
export class EligibilityCheck {
  @Field(() => EligibilityCheckCodeEnum)
  code: EligibilityCheckCode;

  @Field(() => Boolean)
  passed: boolean;

  @Field(() => String)
  reason: string;
}

@ObjectType()
export class EligibilityReport {
  @Field(() => Boolean)
  eligible: boolean;

  @Field(() => [EligibilityCheck])
  checks: EligibilityCheck[];

  @Field(() => DecimalScalar, { description: 'Sum of contracts of eligible cost types.' })
  eligibleCost: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The amount the rules would give now.' })
  amount: string | null;

  @Field(() => String, { nullable: true, description: 'RATE, PER_CLAIM_CAP, COMPANY_CAP or POOL.' })
  limitedBy: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The rule version used (in force on the submission date).',
  })
  ruleVersionId: string | null;
}

@ObjectType()
export class SubsidyApplication {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  programCode: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => ApplicationStateEnum)
  state: ApplicationState;

  @Field(() => String)
  modelName: string;

  @Field(() => ModelCategoryEnum)
  modelCategory: ModelCategory;

  @Field(() => String)
  competitivenessEvidence: string;

  @Field(() => ID, { nullable: true })
  ruleVersionId: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt: Date | null;

  @Field(() => DecimalScalar, { nullable: true })
  eligibleCost: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Computed on submission.' })
  requestedAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Reserved on approval.' })
  approvedAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  paidAmount: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  clawedBackAmount: string | null;

  @Field(() => Int, { nullable: true })
  budgetYear: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  @Field(() => Boolean)
  synthetic: boolean;
}

export const SubsidyApplicationConnection = ConnectionType(SubsidyApplication);

@ObjectType('AuditEvent', { description: 'One link of the hash-chained audit trail.' })
export class AuditEventModel {
  @Field(() => ID)
  seq: string;

  @Field(() => String)
  entityType: string;

  @Field(() => String)
  entityId: string;

  @Field(() => String)
  action: string;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => GraphQLJSON, { nullable: true })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after: unknown;

  @Field(() => String, { nullable: true })
  justification: string | null;

  @Field(() => String)
  hash: string;

  @Field(() => String)
  prevHash: string;
}
