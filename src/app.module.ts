import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LoggerModule } from 'nestjs-pino';
import { AdoptionModule } from './adoption/adoption.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthService } from './auth/auth.service.js';
import { ComplianceModule } from './compliance/compliance.module.js';
import { AppErrorFilter } from './common/app-error.filter.js';
import { noStorePlugins } from './common/graphql-cache-control.js';
import { errorLoggingPlugin, formatGraphqlError } from './common/graphql-errors.js';
import { createRequestContext, type RequestContext } from './common/request-context.js';
import { createValidationPipe } from './common/validation.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/config.js';
import { dataSourceOptions } from './database/data-source.js';
import { SchedulerModule } from './jobs/scheduler.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { SubsidiesModule } from './subsidies/subsidies.module.js';
import { costBudgetPlugin } from './security/cost-budget.plugin.js';
import { shapeLimits } from './security/query-limits.js';

@Module({})
export class AppModule {
  /** `databaseUrl` is resolved before boot: the configured server or the embedded one started for us. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
              (req as { correlationId?: string }).correlationId = id;
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        TypeOrmModule.forRoot(
          dataSourceOptions(databaseUrl, {
            poolSize: config.database.poolSize,
            statementTimeoutMs: config.database.statementTimeoutMs,
            role: config.database.appRole,
          }),
        ),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService],
          useFactory: (auth: AuthService): ApolloDriverConfig => {
            const shape = shapeLimits(config);
            return {
              path: '/graphql',
              autoSchemaFile: config.graphql.writeSchemaFile ? join(process.cwd(), 'schema.gql') : true,
              sortSchema: true,
              playground: false,
              introspection: config.graphql.introspection,
              includeStacktraceInErrorResponses: false,
              // One operation per request; a JSON array of operations is refused with 400.
              allowBatchedHttpRequests: false,
              // Apollo's default, stated: a request must be JSON or carry a header no browser form can send.
              csrfPrevention: true,
              validationRules: shape.validationRules,
              parseOptions: shape.parseOptions,
              context: createRequestContext,
              formatError: formatGraphqlError,
              plugins: [
                // graphql-armor's types name Apollo's CommonJS build; the plugins are the same objects.
                ...(shape.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
                costBudgetPlugin(config, auth),
                ...noStorePlugins(),
                errorLoggingPlugin(new Logger('GraphQL')),
              ],
            };
          },
        }),
        OperationsModule,
        AuthModule,
        RegistryModule,
        AdoptionModule,
        PoliciesModule,
        SubsidiesModule,
        ComplianceModule,
        ReportsModule,
        SchedulerModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorFilter },
      ],
    };
  }
}
