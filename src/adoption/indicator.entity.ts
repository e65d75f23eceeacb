import { Column, Entity, PrimaryColumn } from 'typeorm';

export const INDICATOR_UNITS = ['BOOLEAN', 'PERCENT', 'COUNT', 'RATIO', 'CNY'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const REPORTING_LEVELS = ['HOSPITAL', 'REGION', 'NATION'] as const;
export type ReportingLevel = (typeof REPORTING_LEVELS)[number];

@Entity('indicator')
export class IndicatorEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'definition_zh', type: 'text' })
  definitionZh: string;

  @Column({ name: 'definition_en', type: 'text' })
  definitionEn: string;

  @Column({ type: 'text' })
  unit: IndicatorUnit;

  @Column({ name: 'reporting_level', type: 'text' })
  reportingLevel: ReportingLevel;

  /** numeric comes back from pg as a string: kept exact, never a float. */
  @Column({ name: 'min_value', type: 'numeric', nullable: true })
  minValue: string | null;

  @Column({ name: 'max_value', type: 'numeric', nullable: true })
  maxValue: string | null;
}
