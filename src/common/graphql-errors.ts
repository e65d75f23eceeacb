import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error.js';
import type { RequestContext } from './request-context.js';

// Codes whose message is safe to show as is: they describe the client's request, not our internals.
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Maps AppError to `extensions.code` (+ field details); hides everything else behind INTERNAL_SERVER_ERROR. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    return { ...base, extensions: { code, ...coercionField(formatted.message) } };
  }
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * graphql-js reports a variable that a scalar refused as `Variable "$input" got invalid value "1e6" at
 * "input.contracts[0].amount"`: the field at fault, relative to the argument as class-validator names it.
 */
function coercionField(message: string): { field?: string } {
  const match = /got invalid value .* at "([^"]+)"/.exec(message);
  if (!match) return {};
  const path = match[1]
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .slice(1)
    .join('.');
  return path ? { field: path } : {};
}

/**
 * Logs unexpected errors with the request's correlation id and puts that id in every error sent back, so an
 * operator can find the stack trace a client only sees the reference to.
 */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = (error.extensions?.code as string | undefined) ?? '';
            if (!(original instanceof AppError) && !CLIENT_CODES.has(code)) {
              logger.error(
                {
                  err: original,
                  correlationId: contextValue.req.correlationId,
                  operationName,
                  path: error.path,
                },
                'GraphQL resolver failed',
              );
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, correlationId: contextValue.req.correlationId },
          }));
        },
      };
    },
  };
}
