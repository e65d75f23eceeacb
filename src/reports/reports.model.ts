import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { asEnum } from '../common/enums.js';
import { ConnectionArgs, ConnectionType } from '../common/pagination.js';
import { PERIOD_PATTERN, PeriodScalar } from '../common/scalars.js';
import { REPORT_KINDS, REPORT_LANGUAGES, type ReportKind } from './report-data.js';

export const ReportKindEnum = asEnum(REPORT_KINDS);
registerEnumType(ReportKindEnum, {
  name: 'ReportKind',
  description:
    'NATIONAL_MONTHLY: every target, provinces, data quality. BEIJING_SUBSIDY_MONTHLY: the compute subsidies.',
});

/** GraphQL enum names cannot hold a hyphen: ZH_CN and EN stand for zh-CN and en. */
export enum ReportLanguageEnum {
  ZH_CN = 'zh-CN',
  EN = 'en',
}
registerEnumType(ReportLanguageEnum, {
  name: 'ReportLanguage',
  description: 'ZH_CN (zh-CN, the default) or EN.',
});

@ObjectType({ description: 'A rendered PDF in the archive.' })
export class Report {
  @Field(() => ID)
  id: string;

  @Field(() => ReportKindEnum)
  kind: ReportKind;

  @Field(() => PeriodScalar)
  period: string;

  @Field(() => ReportLanguageEnum)
  language: ReportLanguageEnum;

  @Field(() => ID, { description: 'The compliance snapshot it was made from.' })
  snapshotId: string;

  @Field(() => String)
  templateVersion: string;

  @Field(() => String, { description: 'sha256 of the PDF bytes, hex.' })
  sha256: string;

  @Field(() => Int)
  sizeBytes: number;

  @Field(() => Int)
  pageCount: number;

  @Field(() => String, { description: 'SCHEDULE, MANUAL or SEED.' })
  trigger: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => Boolean)
  synthetic: boolean;

  @Field(() => String, { description: 'GET this path with a REGULATOR or ADMIN token.' })
  downloadPath: string;
}

export const ReportConnection = ConnectionType(Report);

@InputType()
export class ReportsFilter {
  @Field(() => ReportKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(REPORT_KINDS)
  kind?: ReportKind;

  @Field(() => PeriodScalar, { nullable: true })
  @IsOptional()
  @Matches(PERIOD_PATTERN)
  period?: string;

  @Field(() => ReportLanguageEnum, { nullable: true })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  language?: ReportLanguageEnum;
}

@ArgsType()
export class ReportsArgs extends ConnectionArgs {
  @Field(() => ReportsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportsFilter)
  filter?: ReportsFilter;
}
