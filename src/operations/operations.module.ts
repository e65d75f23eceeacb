import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';
import { OperationsController } from './operations.controller.js';

@Module({
  controllers: [OperationsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class OperationsModule {}
