import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { prepareDatabase, type PreparedDatabase } from './database/prepare.js';
import { graphqlIde } from './operations/graphql-ide.js';
import { MetricsService } from './operations/metrics.service.js';
import { securityHeaders } from './security/headers.js';

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningApp {
  app: INestApplication;
  url: string;
  database: PreparedDatabase;
  close(): Promise<void>;
}

/**
 * Builds the whole server: database first (embedded or configured, migrated, seeded on first start), then Nest.
 * Used by main.ts and by the end-to-end tests, so the tests run exactly what operators run.
 */
export async function startApp(
  config: AppConfig,
  log: (message: string) => void = console.warn,
): Promise<RunningApp> {
  const database = await prepareDatabase(config, log);
  let app: NestExpressApplication | undefined;
  let draining = false;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), {
      bufferLogs: true,
    });
    app.useLogger(app.get(Logger));
    app.disable('x-powered-by');
    // Behind a reverse proxy the client's address (login throttling, signed-out budgets) is in X-Forwarded-For.
    if (config.trustProxy) app.set('trust proxy', config.trustProxy);
    app.use(securityHeaders());
    // 10,000 adoption rows in one GraphQL batch are about 1 MB; Express's default limit is 100 KB.
    app.useBodyParser('json', { limit: config.limits.bodyBytes });
    // While shutting down, answer what is in flight and tell keep-alive clients to reconnect elsewhere.
    app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      if (draining) res.setHeader('Connection', 'close');
      next();
    });
    app.use(app.get(MetricsService).middleware());
    if (config.graphql.playground) {
      const ide = graphqlIde();
      app.use('/ide', ide.assets);
      // Before Apollo's handler, so a browser's GET /graphql gets the page and clients' requests pass through.
      app.use('/graphql', ide.page);
    }
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.stop();
    throw error;
  }
  const started = app;
  const address = started.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app: started,
    url: `http://${config.host}:${port}`,
    database,
    /**
     * Graceful: stop accepting, let requests in flight finish (at most SHUTDOWN_GRACE_MS), then close the
     * modules and the pool, then stop the embedded database. Nest's own close() would close the pool first.
     */
    async close() {
      draining = true;
      const server = started.getHttpServer();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      });
      await started.close();
      await database.embedded?.stop();
    },
  };
}
