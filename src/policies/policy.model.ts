import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { DateScalar, DecimalScalar, PeriodScalar } from '../common/scalars.js';
import { HospitalTierEnum, HospitalTypeEnum } from '../registry/registry.model.js';
import type { HospitalTier, HospitalType } from '../registry/hospital.entity.js';
import { OPERATIONALISATION_STATUSES, type OperationalisationStatus } from './operationalisation.entity.js';
import {
  AUTHORITY_LEVELS,
  CONFIDENCE_LEVELS,
  type AuthorityLevel,
  type Confidence,
} from './policy.entity.js';
import {
  AGGREGATIONS,
  COMPARATORS,
  SCORING_METHODS,
  type Aggregation,
  type Comparator,
  type ScoringMethod,
} from './target-version.entity.js';

export const AuthorityLevelEnum = asEnum(AUTHORITY_LEVELS);
registerEnumType(AuthorityLevelEnum, {
  name: 'AuthorityLevel',
  description: 'Who stands behind a target: an industry initiative is not a government target.',
});
export const ConfidenceEnum = asEnum(CONFIDENCE_LEVELS);
registerEnumType(ConfidenceEnum, { name: 'Confidence', description: 'How well the figure is sourced.' });
export const AggregationEnum = asEnum(AGGREGATIONS);
registerEnumType(AggregationEnum, { name: 'Aggregation' });
export const ComparatorEnum = asEnum(COMPARATORS);
registerEnumType(ComparatorEnum, { name: 'Comparator' });
export const ScoringMethodEnum = asEnum(SCORING_METHODS);
registerEnumType(ScoringMethodEnum, { name: 'ScoringMethod' });
export const OperationalisationStatusEnum = asEnum(OPERATIONALISATION_STATUSES);
registerEnumType(OperationalisationStatusEnum, { name: 'OperationalisationStatus' });

@ObjectType({ description: 'Where a policy was learned from.' })
export class SourceReference {
  @Field(() => String)
  title: string;

  @Field(() => String)
  publisher: string;

  @Field(() => DateScalar)
  publishedOn: string;

  @Field(() => String, { nullable: true })
  url: string | null;
}

@ObjectType({ description: 'A policy document from which targets are derived.' })
export class Policy {
  @Field(() => ID)
  code: string;

  @Field(() => String)
  titleZh: string;

  @Field(() => String)
  titleEn: string;

  @Field(() => String)
  issuerZh: string;

  @Field(() => String)
  issuerEn: string;

  @Field(() => DateScalar)
  issuedOn: string;

  @Field(() => AuthorityLevelEnum)
  authorityLevel: AuthorityLevel;

  @Field(() => ConfidenceEnum)
  confidence: Confidence;

  @Field(() => String)
  summaryEn: string;

  @Field(() => String, { description: 'What checking the figures against other reporting showed.' })
  verificationNote: string;

  @Field(() => SourceReference)
  source: SourceReference;
}

@ObjectType()
export class Milestone {
  @Field(() => PeriodScalar)
  period: string;

  @Field(() => DecimalScalar)
  value: string;
}

@ObjectType({ description: 'How a qualitative goal became a number, and who agreed to it.' })
export class Operationalisation {
  @Field(() => String)
  wordingZh: string;

  @Field(() => String)
  wordingEn: string;

  @Field(() => DecimalScalar)
  proposedThreshold: string;

  @Field(() => String)
  rationale: string;

  @Field(() => OperationalisationStatusEnum)
  status: OperationalisationStatus;

  @Field(() => String, { nullable: true })
  decidedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;
}

@ObjectType({ description: 'The region and units a target covers.' })
export class TargetScope {
  @Field(() => String)
  regionCode: string;

  @Field(() => [HospitalTierEnum], { description: 'Empty for national or region-reported indicators.' })
  tiers: HospitalTier[];

  @Field(() => [HospitalTypeEnum])
  types: HospitalType[];
}

/** The terms of a target as one version states them; shared by a version and by a target's current terms. */
@ObjectType({ isAbstract: true })
export abstract class TargetTerms {
  @Field(() => DateScalar)
  effectiveFrom: string;

  @Field(() => String)
  titleZh: string;

  @Field(() => String)
  titleEn: string;

  @Field(() => String)
  indicatorCode: string;

  @Field(() => TargetScope)
  scope: TargetScope;

  @Field(() => AggregationEnum)
  aggregation: Aggregation;

  @Field(() => ComparatorEnum)
  comparator: Comparator;

  @Field(() => DecimalScalar)
  threshold: string;

  @Field(() => PeriodScalar, { nullable: true })
  baselinePeriod: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Null: the measured value in the baseline period is the baseline.',
  })
  baselineValue: string | null;

  @Field(() => PeriodScalar, { description: 'The month by which the threshold is to be met.' })
  deadline: string;

  @Field(() => [Milestone])
  milestones: Milestone[];

  @Field(() => ScoringMethodEnum)
  scoringMethod: ScoringMethod;

  @Field(() => DecimalScalar, { description: "Absolute, in the indicator's unit." })
  tolerance: string;

  @Field(() => DecimalScalar, { description: 'Minimum reporting coverage in percent; below it: NO_DATA.' })
  minCoverage: string;

  @Field(() => AuthorityLevelEnum)
  authorityLevel: AuthorityLevel;

  @Field(() => ConfidenceEnum)
  confidence: Confidence;

  @Field(() => String, { description: 'Clause or section of the policy the target rests on.' })
  sourceClause: string;

  @Field(() => Boolean, { description: 'True when the policy states the goal in words, not a number.' })
  qualitative: boolean;

  @Field(() => Operationalisation, { nullable: true })
  operationalisation: Operationalisation | null;
}

@ObjectType({ description: 'One dated statement of a target.' })
export class TargetVersion extends TargetTerms {
  @Field(() => ID)
  id: string;
}

@ObjectType({
  description: 'A measurable goal derived from a policy; its fields are those of the version in force.',
})
export class Target extends TargetTerms {
  @Field(() => ID)
  code: string;

  @Field(() => ID, { description: 'The version in force today.' })
  versionId: string;

  policyCode: string;
}

export const TargetConnection = ConnectionType(Target);
