import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthorityLevel, Confidence } from './policy.entity.js';

export const AGGREGATIONS = ['SHARE', 'COUNT', 'SUM', 'MEAN', 'MAX', 'REGION_RATIO'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const COMPARATORS = ['AT_LEAST', 'AT_MOST'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const SCORING_METHODS = ['LINEAR', 'PIECEWISE', 'GROWTH_RATIO'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export interface Milestone {
  /** First day of the milestone month, YYYY-MM-01. */
  period: string;
  value: string;
}

/**
 * A target as it reads from `effectiveFrom` on. A change is a new row: scoring of past periods keeps using
 * the version that was in force then.
 */
@Entity('target_version')
export class TargetVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'target_code', type: 'text' })
  targetCode: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'title_zh', type: 'text' })
  titleZh: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  @Column({ name: 'scope_region_code', type: 'char', length: 6 })
  scopeRegionCode: string;

  @Column({ name: 'scope_tiers', type: 'text', array: true })
  scopeTiers: string[];

  @Column({ name: 'scope_types', type: 'text', array: true })
  scopeTypes: string[];

  @Column({ type: 'text' })
  aggregation: Aggregation;

  @Column({ type: 'text' })
  comparator: Comparator;

  @Column({ type: 'numeric' })
  threshold: string;

  @Column({ name: 'baseline_period', type: 'date', nullable: true })
  baselinePeriod: string | null;

  @Column({ name: 'baseline_value', type: 'numeric', nullable: true })
  baselineValue: string | null;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'jsonb' })
  milestones: Milestone[];

  @Column({ name: 'scoring_method', type: 'text' })
  scoringMethod: ScoringMethod;

  @Column({ type: 'numeric' })
  tolerance: string;

  @Column({ name: 'min_coverage', type: 'numeric' })
  minCoverage: string;

  @Column({ name: 'authority_level', type: 'text' })
  authorityLevel: AuthorityLevel;

  @Column({ type: 'text' })
  confidence: Confidence;

  @Column({ name: 'source_clause', type: 'text' })
  sourceClause: string;

  @Column({ type: 'boolean' })
  qualitative: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
