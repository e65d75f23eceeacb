import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The stable identity of a target; what it says lives in its dated versions. */
@Entity('target')
export class TargetEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'policy_code', type: 'text' })
  policyCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
