import { Column, Entity, PrimaryColumn } from 'typeorm';

export const HOSPITAL_TIERS = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
export type HospitalTier = (typeof HOSPITAL_TIERS)[number];
export const HOSPITAL_TYPES = ['GENERAL', 'SPECIALIST', 'TCM', 'CANCER'] as const;
export type HospitalType = (typeof HOSPITAL_TYPES)[number];

@Entity('hospital')
export class HospitalEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'text' })
  tier: HospitalTier;

  @Column({ type: 'text' })
  type: HospitalType;

  @Column({ name: 'registered_from', type: 'date' })
  registeredFrom: string;

  @Column({ name: 'registered_until', type: 'date', nullable: true })
  registeredUntil: string | null;

  @Column({ type: 'boolean' })
  synthetic: boolean;
}
