import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../common/enums.js';
import { DateScalar } from '../common/scalars.js';
import { ConnectionType } from '../common/pagination.js';
import { HOSPITAL_TIERS, HOSPITAL_TYPES, type HospitalTier, type HospitalType } from './hospital.entity.js';
import type { RegionLevel } from './region.entity.js';

export const HospitalTierEnum = asEnum(HOSPITAL_TIERS);
registerEnumType(HospitalTierEnum, { name: 'HospitalTier' });
export const HospitalTypeEnum = asEnum(HOSPITAL_TYPES);
registerEnumType(HospitalTypeEnum, { name: 'HospitalType' });
export const RegionLevelEnum = asEnum(['NATION', 'PROVINCE', 'PREFECTURE', 'COUNTY'] as const);
registerEnumType(RegionLevelEnum, { name: 'RegionLevel' });

@ObjectType({ description: 'A node of the administrative tree, with its GB/T 2260 code.' })
export class Region {
  @Field(() => String, { description: 'GB/T 2260 code, e.g. "110000" for Beijing.' })
  code: string;

  @Field(() => RegionLevelEnum)
  level: RegionLevel;

  @Field(() => String)
  nameZh: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Resident population in thousands (2023, NBS), if known.',
  })
  populationThousands: number | null;

  parentCode: string | null;
}

@ObjectType({ description: 'A reporting facility of the hospital registry.' })
export class Hospital {
  @Field(() => ID, { description: 'Registry code.' })
  id: string;

  @Field(() => String)
  nameZh: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => HospitalTierEnum)
  tier: HospitalTier;

  @Field(() => HospitalTypeEnum)
  type: HospitalType;

  @Field(() => DateScalar)
  registeredFrom: string;

  @Field(() => DateScalar, { nullable: true })
  registeredUntil: string | null;

  @Field(() => Boolean, {
    description: 'True for generated demonstration records that describe no real facility.',
  })
  synthetic: boolean;

  regionCode: string;
}

export const HospitalConnection = ConnectionType(Hospital);
