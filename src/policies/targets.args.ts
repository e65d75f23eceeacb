import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../common/pagination.js';
import {
  AUTHORITY_LEVELS,
  CONFIDENCE_LEVELS,
  type AuthorityLevel,
  type Confidence,
} from './policy.entity.js';
import { AuthorityLevelEnum, ConfidenceEnum } from './policy.model.js';

@InputType()
export class TargetFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  policyCode?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  indicatorCode?: string;

  @Field(() => String, { nullable: true, description: 'Targets whose scope is this region.' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => AuthorityLevelEnum, { nullable: true })
  @IsOptional()
  @IsIn(AUTHORITY_LEVELS)
  authorityLevel?: AuthorityLevel;

  @Field(() => ConfidenceEnum, { nullable: true })
  @IsOptional()
  @IsIn(CONFIDENCE_LEVELS)
  confidence?: Confidence;
}

@ArgsType()
export class TargetsArgs extends ConnectionArgs {
  @Field(() => TargetFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TargetFilter)
  filter?: TargetFilter;
}
