import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndicatorEntity } from './indicator.entity.js';
import { IndicatorsResolver } from './indicators.resolver.js';
import { IndicatorsService } from './indicators.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([IndicatorEntity])],
  providers: [IndicatorsService, IndicatorsResolver],
  exports: [IndicatorsService],
})
export class AdoptionModule {}
