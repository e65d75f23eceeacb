import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdoptionImportController } from './adoption-import.controller.js';
import { AdoptionIntakeService } from './adoption-intake.service.js';
import { AdoptionReadService } from './adoption-read.service.js';
import {
  AdoptionIntakeResolver,
  AdoptionResolver,
  HospitalAdoptionResolver,
  RegionAdoptionResolver,
} from './adoption.resolver.js';
import { IndicatorEntity } from './indicator.entity.js';
import { IndicatorsResolver } from './indicators.resolver.js';
import { IndicatorsService } from './indicators.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([IndicatorEntity])],
  controllers: [AdoptionImportController],
  providers: [
    IndicatorsService,
    IndicatorsResolver,
    AdoptionIntakeService,
    AdoptionReadService,
    AdoptionResolver,
    AdoptionIntakeResolver,
    HospitalAdoptionResolver,
    RegionAdoptionResolver,
  ],
  exports: [IndicatorsService, AdoptionReadService],
})
export class AdoptionModule {}
