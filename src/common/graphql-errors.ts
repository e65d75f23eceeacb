import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { LIMIT_CODES, TOKEN_LIMIT_MESSAGE } from '../security/query-limits.js';
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
  ...LIMIT_CODES,
]);
const LIMITS = new Set<string>(LIMIT_CODES);

/** Maps AppError to `extensions.code` (+ field details); hides everything else behind INTERNAL_SERVER_ERROR. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const code =
    limitCode(formatted) ??
    (TOO_MANY_VARIABLE_ERRORS.test(formatted.message) || NULL_ARGUMENT.test(formatted.message)
      ? 'BAD_USER_INPUT'
      : formatted.extensions?.code);
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { http: _http, refusedBy: _refusedBy, ...details } = formatted.extensions ?? {};
    return { ...base, extensions: { ...details, code, ...coercionField(formatted.message) } };
  }
  if (databaseUnavailable(original)) {
    return {
      ...base,
      message:
        'The database is unavailable for a moment: retry with the same idempotency key (a write that did commit is not repeated)',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

// PostgreSQL shutting down, starting up or gone: SQLSTATE class 57P (operator intervention) and 08 (connection
// exception), the socket itself (node's ECONNREFUSED/ECONNRESET, pg's "Connection terminated"), or TypeORM finding
// the connection of its query runner gone with it.
const UNAVAILABLE = /^(57P0[1-4]|08\w{3}|ECONNREFUSED|ECONNRESET|EPIPE)$/;

const UNAVAILABLE_MESSAGE = /Connection terminated|connection timeout|not queryable|Client was closed/i;
// TypeORM's errors for a query runner whose connection went away under it.
const RELEASED = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

/** True when a statement failed because the database was unreachable, not because of what it asked. */
export function databaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e;) {
    if (typeof e.code === 'string' && UNAVAILABLE.test(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    // By name: under a test runner's VM the class may come from another realm than this module's.
    if (RELEASED.has(String((e as { name?: unknown }).name))) return true;
    e = (e as { driverError?: unknown }).driverError ?? (e.cause as typeof e);
  }
  return false;
}

// graphql-js stops coercing variables after 50 errors with this message and no code (the 50 before it name
// their fields; this one is about the request's variables as a whole).
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;
// A nullable variable sent as null to a non-null argument with a default: refused by graphql-js at execution,
// again without a code.
const NULL_ARGUMENT = /^Argument "(\w+)" of non-null type "[^"]+" must not be null/;

/** The request limit that refused the query, if one did (Apollo codes these as parse or validation failures). */
function limitCode(formatted: GraphQLFormattedError): string | undefined {
  const refusedBy = formatted.extensions?.refusedBy;
  if (typeof refusedBy === 'string' && LIMITS.has(refusedBy)) return refusedBy;
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
    return 'TOO_MANY_TOKENS';
  }
  return undefined;
}

/**
 * graphql-js reports a variable that a scalar refused as `Variable "$input" got invalid value "1e6" at
 * "input.contracts[0].amount"`: the field at fault, relative to the argument as class-validator names it.
 */
function coercionField(message: string): { field?: string } {
  const match = /got invalid value .* at "([^"]+)"/.exec(message);
  if (!match) {
    // `Variable "$input" got invalid value {}; Field "id" of required type "ID!" was not provided.`: the field;
    // `Variable "$period" got invalid value "2026-13"`, `… of required type "X!" was not provided`: the variable,
    // named as the argument it feeds.
    if (TOO_MANY_VARIABLE_ERRORS.test(message)) return { field: 'variables' };
    const argument = NULL_ARGUMENT.exec(message);
    if (argument) return { field: argument[1] };
    const missing = /Field "(\w+)" of required type .* was not provided/.exec(message);
    if (missing) return { field: missing[1] };
    const variable = /^Variable "\$(\w+)"/.exec(message);
    return variable ? { field: variable[1] } : {};
  }
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
            if (original instanceof AppError || CLIENT_CODES.has(code)) continue;
            const details = {
              err: original,
              correlationId: contextValue.req.correlationId,
              operationName,
              path: error.path,
            };
            // An outage is answered as SERVICE_UNAVAILABLE but still logged: a released query runner can also be
            // a bug (a transaction's manager used after it ended), and the log is where that shows.
            if (databaseUnavailable(original)) logger.warn(details, 'GraphQL resolver lost the database');
            else logger.error(details, 'GraphQL resolver failed');
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
