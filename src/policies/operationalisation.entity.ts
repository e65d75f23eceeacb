import { Column, Entity, PrimaryColumn } from 'typeorm';

export const OPERATIONALISATION_STATUSES = ['PROPOSAL', 'APPROVED', 'REJECTED'] as const;
export type OperationalisationStatus = (typeof OPERATIONALISATION_STATUSES)[number];

/** How a qualitative goal ("widely", "basically full coverage") was turned into a number, and who agreed. */
@Entity('operationalisation')
export class OperationalisationEntity {
  @PrimaryColumn({ name: 'target_version_id', type: 'uuid' })
  targetVersionId: string;

  @Column({ name: 'wording_zh', type: 'text' })
  wordingZh: string;

  @Column({ name: 'wording_en', type: 'text' })
  wordingEn: string;

  @Column({ name: 'proposed_threshold', type: 'numeric' })
  proposedThreshold: string;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ type: 'text' })
  status: OperationalisationStatus;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
