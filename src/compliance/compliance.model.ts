import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { asEnum } from '../common/enums.js';
import { ConnectionArgs, ConnectionType } from '../common/pagination.js';
import { DecimalScalar, PERIOD_PATTERN, PeriodScalar } from '../common/scalars.js';
import { ScoringMethodEnum } from '../policies/policy.model.js';
import type { ScoringMethod } from '../policies/target-version.entity.js';
import { STATUSES, type ComplianceStatus } from './methodology.js';

export const ComplianceStatusEnum = asEnum(STATUSES);
registerEnumType(ComplianceStatusEnum, {
  name: 'ComplianceStatus',
  description:
    'NO_DATA (coverage below the minimum) comes first, then ACHIEVED, then MISSED (deadline passed), then ON_TRACK, AT_RISK (behind, but the trend reaches the threshold) or OFF_TRACK.',
});

@ObjectType({ description: 'One month of the measured values the projection was fitted to.' })
export class HistoryPoint {
  @Field(() => PeriodScalar)
  period: string;

  @Field(() => DecimalScalar)
  value: string;
}

/** The components shared by a target's whole-scope result and its provinces' results. */
@ObjectType({ isAbstract: true })
export abstract class ScoredComponents {
  @Field(() => ComplianceStatusEnum)
  status: ComplianceStatus;

  @Field(() => DecimalScalar, { nullable: true })
  measuredValue: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Units meeting the indicator, or the summed numerator.',
  })
  numerator: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Reporting units, or the summed denominator.' })
  denominator: string | null;

  @Field(() => Int)
  reportingUnits: number;

  @Field(() => Int)
  inScopeUnits: number;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Reporting units over in-scope units, in percent.',
  })
  coverage: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  expectedValue: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Least-squares projection to the deadline.' })
  projectedValue: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  baselineValue: string | null;

  @Field(() => Int)
  projectionPoints: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Observed over required compound growth.' })
  growthRatio: string | null;

  @Field(() => [HistoryPoint])
  history: HistoryPoint[];

  @Field(() => String, { description: 'How the status was reached, with the figures compared.' })
  explanation: string;
}

@ObjectType({ description: "A province's result for a national share target." })
export class RegionCompliance extends ScoredComponents {
  regionCode: string;

  @Field(() => Int, {
    nullable: true,
    description: '1 is the best province; NO_DATA provinces are unranked.',
  })
  rank: number | null;
}

@ObjectType({ description: 'One target scored in a snapshot, with every component of its status.' })
export class TargetCompliance extends ScoredComponents {
  snapshotId: string;
  targetCode: string;
  regionCode: string;

  @Field(() => ID)
  targetVersionId: string;

  @Field(() => ScoringMethodEnum, {
    description: 'The method applied (growth ratio falls back to linear without a baseline).',
  })
  method: ScoringMethod;

  @Field(() => DecimalScalar)
  threshold: string;

  @Field(() => PeriodScalar, { nullable: true })
  baselinePeriod: string | null;
}

@ObjectType()
export class StatusCount {
  @Field(() => ComplianceStatusEnum)
  status: ComplianceStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description: 'An immutable scoring of every target for one period as the data stood at the cut-off.',
})
export class ComplianceSnapshot {
  @Field(() => ID)
  id: string;

  @Field(() => PeriodScalar)
  period: string;

  @Field(() => GraphQLISODateTime, {
    description: 'Reports and corrections received after this time are not used.',
  })
  dataCutoff: Date;

  @Field(() => String)
  methodologyVersion: string;

  @Field(() => Int)
  stalenessMonths: number;

  @Field(() => Int)
  historyMonths: number;

  @Field(() => String, { description: 'SCHEDULE, MANUAL or SEED.' })
  trigger: string;

  @Field(() => ID, { nullable: true })
  jobRunId: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => Boolean, { description: 'Made from synthetic demonstration data.' })
  synthetic: boolean;
}

export const ComplianceSnapshotConnection = ConnectionType(ComplianceSnapshot);

@ArgsType()
export class SnapshotsArgs extends ConnectionArgs {
  @Field(() => PeriodScalar, { nullable: true, description: 'Only the snapshots of this month.' })
  @IsOptional()
  @Matches(PERIOD_PATTERN)
  period?: string;
}
