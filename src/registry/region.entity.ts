import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RegionLevel = 'NATION' | 'PROVINCE' | 'PREFECTURE' | 'COUNTY';

@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ name: 'parent_code', type: 'char', length: 6, nullable: true })
  parentCode: string | null;

  @Column({ type: 'text' })
  level: RegionLevel;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'population_thousands', type: 'integer', nullable: true })
  populationThousands: number | null;
}
