import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A regulator reopening one month's reporting window, for one unit or (unit null) for all. */
@Entity('reporting_window_exception')
export class ReportingWindowExceptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date' })
  period: string;

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId: string | null;

  @Column({ name: 'open_until', type: 'timestamptz' })
  openUntil: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}
