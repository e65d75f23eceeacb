import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus metrics: request counts and latency per route, the database pool, and Node's own figures. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'yardstick_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'yardstick_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(db: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'yardstick_' });
    const pool = () => (db.driver as unknown as { master?: PgPool }).master;
    const gauge = (name: string, help: string, read: (p: PgPool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          this.set(p ? read(p) : 0);
        },
      });
    gauge('yardstick_db_pool_connections', 'Open connections in the database pool', (p) => p.totalCount);
    gauge('yardstick_db_pool_idle', 'Idle connections in the database pool', (p) => p.idleCount);
    gauge('yardstick_db_pool_waiting', 'Requests waiting for a database connection', (p) => p.waitingCount);
  }

  /** Express middleware. The route label is the path without ids, so the series stay few. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const stop = this.latency.startTimer();
      res.on('finish', () => {
        const route = routeLabel(req.originalUrl.split('?')[0]);
        stop({ method: req.method, route });
        this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }
}

const KNOWN_ROUTES = ['/graphql', '/health', '/metrics', '/ide'];

function routeLabel(path: string): string {
  return KNOWN_ROUTES.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'other';
}
