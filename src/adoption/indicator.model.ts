import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DecimalScalar } from '../common/scalars.js';
import {
  INDICATOR_UNITS,
  REPORTING_LEVELS,
  type IndicatorUnit,
  type ReportingLevel,
} from './indicator.entity.js';

export const IndicatorUnitEnum = Object.fromEntries(INDICATOR_UNITS.map((u) => [u, u])) as {
  [K in IndicatorUnit]: K;
};
registerEnumType(IndicatorUnitEnum, {
  name: 'IndicatorUnit',
  description: 'BOOLEAN: 1 yes / 0 no per unit; RATIO: numerator and denominator; CNY: yuan.',
});
export const ReportingLevelEnum = Object.fromEntries(REPORTING_LEVELS.map((u) => [u, u])) as {
  [K in ReportingLevel]: K;
};
registerEnumType(ReportingLevelEnum, { name: 'ReportingLevel', description: 'Who reports the indicator.' });

@ObjectType({ description: 'What is measured, with its unit and definition.' })
export class Indicator {
  @Field(() => String)
  code: string;

  @Field(() => String)
  nameZh: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => String)
  definitionZh: string;

  @Field(() => String)
  definitionEn: string;

  @Field(() => IndicatorUnitEnum)
  unit: IndicatorUnit;

  @Field(() => ReportingLevelEnum)
  reportingLevel: ReportingLevel;

  @Field(() => DecimalScalar, { nullable: true })
  minValue: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  maxValue: string | null;
}
