import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MetricsScrape, Public, Roles } from '../auth/access.decorators.js';
import { MetricsService } from './metrics.service.js';

@Controller()
export class OperationsController {
  constructor(
    private readonly db: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  /** 200 when the database answers within two seconds, 503 otherwise: what a load balancer needs. */
  @Public()
  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const started = Date.now();
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      res.status(200).json({ status: 'ok', database: 'up', latencyMs: Date.now() - started });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  }

  /** For Prometheus: an ADMIN token, or `Authorization: Bearer $METRICS_TOKEN` when that is set. */
  @Roles('ADMIN')
  @MetricsScrape()
  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
