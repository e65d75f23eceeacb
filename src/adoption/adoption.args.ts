import { ArgsType, Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../common/pagination.js';
import { PERIOD_PATTERN, PeriodScalar } from '../common/scalars.js';

const PERIOD = PERIOD_PATTERN;

@ArgsType()
export class AdoptionSeriesArgs {
  @Field(() => String)
  @IsString()
  @Length(1, 64)
  indicatorCode: string;

  @Field(() => String, { nullable: true, description: 'A region: the aggregate over its units.' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => String, { nullable: true, description: 'A hospital: its own values.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  hospitalId?: string;

  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  from: string;

  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  to: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Read the data as known at this time.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  asOf?: Date;
}

@ArgsType()
export class HospitalAdoptionArgs {
  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  from: string;

  @Field(() => PeriodScalar, { nullable: true, description: 'Defaults to from: one month.' })
  @IsOptional()
  @Matches(PERIOD)
  to?: string;

  @Field(() => [String], { nullable: true, description: 'Defaults to every indicator.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  indicatorCodes?: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  asOf?: Date;
}

@ArgsType()
export class RegionAdoptionArgs {
  @Field(() => String)
  @IsString()
  @Length(1, 64)
  indicatorCode: string;

  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  from: string;

  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  to: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  asOf?: Date;
}

@ArgsType()
export class RevisionsArgs {
  @Field(() => String)
  @IsString()
  @Length(1, 64)
  indicatorCode: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  hospitalId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  period: string;
}

@ArgsType()
export class CompletenessArgs {
  @Field(() => PeriodScalar)
  @Matches(PERIOD)
  period: string;

  @Field(() => String, { nullable: true, description: 'Only reports of this indicator count.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  indicatorCode?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  asOf?: Date;
}

@InputType()
export class WarningFilter {
  @Field(() => PeriodScalar, { nullable: true })
  @IsOptional()
  @Matches(PERIOD)
  period?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  indicatorCode?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  hospitalId?: string;

  @Field(() => String, { nullable: true, description: 'Warnings of units in this region and below.' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;
}

@ArgsType()
export class WarningsArgs extends ConnectionArgs {
  @Field(() => WarningFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WarningFilter)
  filter?: WarningFilter;
}
