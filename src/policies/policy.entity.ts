import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUTHORITY_LEVELS = [
  'NATIONAL_GOVERNMENT',
  'MUNICIPAL_GOVERNMENT',
  'DISTRICT_GOVERNMENT',
  'INDUSTRY_INITIATIVE',
] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];
export const CONFIDENCE_LEVELS = ['PRIMARY_TEXT', 'OFFICIAL_SUMMARY', 'PRESS_REPORT', 'UNVERIFIED'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

@Entity('policy')
export class PolicyEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'title_zh', type: 'text' })
  titleZh: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn: string;

  @Column({ name: 'issuer_zh', type: 'text' })
  issuerZh: string;

  @Column({ name: 'issuer_en', type: 'text' })
  issuerEn: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'authority_level', type: 'text' })
  authorityLevel: AuthorityLevel;

  @Column({ type: 'text' })
  confidence: Confidence;

  @Column({ name: 'summary_en', type: 'text' })
  summaryEn: string;

  @Column({ name: 'source_title', type: 'text' })
  sourceTitle: string;

  @Column({ name: 'source_publisher', type: 'text' })
  sourcePublisher: string;

  @Column({ name: 'source_date', type: 'date' })
  sourceDate: string;

  @Column({ name: 'source_url', type: 'text', nullable: true })
  sourceUrl: string | null;

  @Column({ name: 'verification_note', type: 'text' })
  verificationNote: string;
}
