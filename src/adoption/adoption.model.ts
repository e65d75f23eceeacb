import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionType } from '../common/pagination.js';
import { DecimalScalar, PERIOD_PATTERN, PeriodScalar } from '../common/scalars.js';

@ObjectType({ description: 'One revision of one reported value.' })
export class AdoptionValue {
  @Field(() => String)
  indicatorCode: string;

  @Field(() => String, { nullable: true })
  hospitalId: string | null;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => PeriodScalar)
  period: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Null for ratio indicators.' })
  value: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  numerator: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  denominator: string | null;

  @Field(() => Int, { description: '1 for the first report; each correction adds one.' })
  revision: number;

  @Field(() => GraphQLISODateTime)
  reportedAt: Date;

  @Field(() => Boolean)
  synthetic: boolean;
}

@ObjectType({ description: 'A month of a series: a unit’s value, or an aggregate over the units in scope.' })
export class AdoptionPoint {
  @Field(() => PeriodScalar)
  period: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Yes/no indicators: percent of reporting units saying yes. Ratios: 100 x numerator / denominator. ' +
      'Percentages: mean of reporting units. Counts and amounts: sum. Null when no unit reported.',
  })
  value: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Units saying yes, or the summed numerators.' })
  numerator: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Units reporting, or the summed denominators.' })
  denominator: string | null;

  @Field(() => Int)
  unitsReporting: number;

  @Field(() => Int, { description: 'Units registered in scope during the month.' })
  unitsInScope: number;

  @Field(() => DecimalScalar, { description: 'Percent of units in scope that reported.' })
  coverage: string;
}

@ObjectType()
export class AdoptionSeries {
  @Field(() => String)
  indicatorCode: string;

  @Field(() => String, { nullable: true })
  hospitalId: string | null;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => GraphQLISODateTime, { description: 'The data as known at this time.' })
  asOf: Date;

  @Field(() => [AdoptionPoint])
  points: AdoptionPoint[];
}

@ObjectType({ description: 'Share of a province’s hospitals that reported for a month.' })
export class ReportingCompleteness {
  @Field(() => String)
  regionCode: string;

  @Field(() => String)
  regionNameEn: string;

  @Field(() => String)
  regionNameZh: string;

  @Field(() => PeriodScalar)
  period: string;

  @Field(() => Int)
  unitsInScope: number;

  @Field(() => Int)
  unitsReporting: number;

  @Field(() => DecimalScalar, { description: 'Percent.' })
  completeness: string;
}

@ObjectType({ description: 'A value that was accepted but looks wrong.' })
export class DataQualityWarning {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  kind: string;

  @Field(() => String)
  message: string;

  @Field(() => String)
  indicatorCode: string;

  @Field(() => String, { nullable: true })
  hospitalId: string | null;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => PeriodScalar)
  period: string;

  @Field(() => Int)
  revision: number;

  @Field(() => DecimalScalar, { nullable: true })
  previousValue: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  value: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

export const DataQualityWarningConnection = ConnectionType(DataQualityWarning);

@ObjectType()
export class IntakeError {
  @Field(() => Int, {
    description: 'Line of the file (the header is line 1), or position in the batch from 1.',
  })
  line: number;

  @Field(() => String, { nullable: true, description: 'The column at fault.' })
  column: string | null;

  @Field(() => String)
  code: string;

  @Field(() => String)
  message: string;
}

@ObjectType({ description: 'What an import or a batch did, or with dryRun would do.' })
export class IntakeSummary {
  @Field(() => ID, {
    nullable: true,
    description: 'The batch written; null for a dry run or when nothing applied.',
  })
  batchId: string | null;

  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Boolean, { description: 'True when the changes were committed.' })
  applied: boolean;

  @Field(() => Int)
  rowsRead: number;

  @Field(() => Int)
  inserted: number;

  @Field(() => Int)
  revised: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => Int, { description: 'Accepted values flagged as implausible.' })
  warnings: number;

  @Field(() => [IntakeError], { description: 'The first 1,000 rejected rows, by line.' })
  errors: IntakeError[];

  @Field(() => Boolean)
  errorsTruncated: boolean;
}

@InputType({ description: 'One value. Texts are checked row by row so that each problem names its row.' })
export class AdoptionReportInput {
  @Field(() => String, { nullable: true, description: 'For hospital indicators.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  hospitalId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'For province (or, with 100000, national) indicators.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  regionCode?: string;

  @Field(() => String)
  @IsString()
  @Length(1, 64)
  indicatorCode: string;

  @Field(() => String, { description: 'The month, YYYY-MM.' })
  @IsString()
  @MaxLength(16)
  period: string;

  @Field(() => String, {
    nullable: true,
    description: 'A decimal, or 1/0 (yes/no, 是/否) for yes/no indicators.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  value?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  numerator?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  denominator?: string;
}

export const MAX_BATCH_ROWS = 10_000;

@InputType()
export class SubmitAdoptionReportsInput {
  @Field(() => [AdoptionReportInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ROWS, {
    message: `at most ${MAX_BATCH_ROWS} rows per batch; import larger sets as CSV`,
  })
  @ValidateNested({ each: true })
  @Type(() => AdoptionReportInput)
  reports: AdoptionReportInput[];

  @Field(() => Boolean, { defaultValue: false, description: 'Check and count, change nothing.' })
  @IsBoolean()
  dryRun: boolean = false;

  @Field(() => Boolean, { defaultValue: false, description: 'Apply nothing if any row is rejected.' })
  @IsBoolean()
  allOrNothing: boolean = false;
}

@InputType()
export class OpenReportingWindowInput {
  @Field(() => PeriodScalar)
  @Matches(PERIOD_PATTERN)
  period: string;

  @Field(() => String, {
    nullable: true,
    description: 'One hospital; omit both this and regionCode for all units.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  hospitalId?: string;

  @Field(() => String, { nullable: true, description: 'One reporting region (province or 100000).' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => GraphQLISODateTime)
  @Type(() => Date)
  @IsDate()
  openUntil: Date;

  @Field(() => String, { description: 'Why the window is reopened; kept with the exception.' })
  @IsString()
  @Length(5, 1000)
  reason: string;
}

@ObjectType()
export class ReportingWindowException {
  @Field(() => ID)
  id: string;

  @Field(() => PeriodScalar)
  period: string;

  @Field(() => String, { nullable: true, description: 'Null: every unit.' })
  unitId: string | null;

  @Field(() => GraphQLISODateTime)
  openUntil: Date;

  @Field(() => String)
  reason: string;

  @Field(() => ID)
  openedBy: string;

  @Field(() => GraphQLISODateTime)
  openedAt: Date;
}
