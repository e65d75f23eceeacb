import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../common/pagination.js';
import { HOSPITAL_TIERS, HOSPITAL_TYPES, type HospitalTier, type HospitalType } from './hospital.entity.js';
import { HospitalTierEnum, HospitalTypeEnum } from './registry.model.js';

@InputType()
export class HospitalFilter {
  @Field(() => String, { nullable: true, description: 'GB/T 2260 code; includes the regions below it.' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => HospitalTierEnum, { nullable: true })
  @IsOptional()
  @IsIn(HOSPITAL_TIERS)
  tier?: HospitalTier;

  @Field(() => HospitalTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(HOSPITAL_TYPES)
  type?: HospitalType;

  @Field(() => String, { nullable: true, description: 'Part of the Chinese or English name, any case.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

@ArgsType()
export class HospitalsArgs extends ConnectionArgs {
  @Field(() => HospitalFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HospitalFilter)
  filter?: HospitalFilter;
}
