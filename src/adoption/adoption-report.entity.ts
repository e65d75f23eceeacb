import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One revision of one value: (unit, indicator, month, revision). Rows are only ever inserted; a correction
 * is the next revision, so a report issued in March can be rebuilt exactly as it was known then.
 */
@Entity('adoption_report')
export class AdoptionReportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'hospital_id', type: 'text', nullable: true })
  hospitalId: string | null;

  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true })
  regionCode: string | null;

  /** Generated in PostgreSQL: the hospital id or the region code. */
  @Column({ name: 'unit_id', type: 'text', insert: false, update: false })
  unitId: string;

  @Column({ name: 'indicator_code', type: 'text' })
  indicatorCode: string;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ type: 'numeric', nullable: true })
  value: string | null;

  @Column({ type: 'numeric', nullable: true })
  numerator: string | null;

  @Column({ type: 'numeric', nullable: true })
  denominator: string | null;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId: string | null;

  @Column({ type: 'boolean' })
  synthetic: boolean;
}
