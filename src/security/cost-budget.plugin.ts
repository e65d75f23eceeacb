import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthService } from '../auth/auth.service.js';
import { bearerToken } from '../auth/bearer.js';
import type { RequestContext } from '../common/request-context.js';
import type { AppConfig } from '../config/config.js';
import { countNodes, tooManyNodes } from './query-limits.js';

export interface RateLimitState {
  limit: number;
  cost: number;
  remaining: number;
  resetAt: string;
}

/** GitHub's formula: a query costs one point plus one per hundred nodes it may return. */
export function queryCost(nodes: number): number {
  return 1 + Math.floor(nodes / 100);
}

/**
 * After the operation is parsed and validated and before anything executes: the node budget, then the caller's
 * points for the window. Both refuse with a code (TOO_MANY_NODES 400, RATE_LIMITED 429 with Retry-After);
 * every answer tells the caller its budget in `extensions.rateLimit` and the X-RateLimit-* headers.
 *
 * The budget is kept in this process's memory (rate-limiter-flexible): with N replicas behind a balancer a user
 * gets up to N times the points. That is the accepted price of costing no SQL per request (SECURITY.md).
 */
export function costBudgetPlugin(config: AppConfig, auth: AuthService): ApolloServerPlugin<RequestContext> {
  const { maxNodes, ratePoints, rateWindowSeconds } = config.limits;
  const limiter = new RateLimiterMemory({ points: ratePoints, duration: rateWindowSeconds });
  const states = new WeakMap<object, RateLimitState>();

  const keyOf = async (context: RequestContext): Promise<string> => {
    const token = bearerToken(context.req.headers.authorization);
    if (token) {
      const user = await auth.verifyToken(token).catch(() => null);
      if (user) return `user:${user.id}`;
    }
    return `ip:${context.req.ip ?? 'unknown'}`;
  };

  const expose = (context: RequestContext, state: RateLimitState) => {
    states.set(context, state);
    context.res.setHeader('X-RateLimit-Limit', String(state.limit));
    context.res.setHeader('X-RateLimit-Remaining', String(state.remaining));
    context.res.setHeader('X-RateLimit-Reset', state.resetAt);
    context.res.setHeader('X-RateLimit-Cost', String(state.cost));
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          const nodes = operation ? countNodes(schema, document, operation, request.variables ?? {}) : 0;
          if (nodes > maxNodes) throw tooManyNodes(nodes, maxNodes);
          const cost = queryCost(nodes);
          const key = await keyOf(contextValue);
          try {
            const res = await limiter.consume(key, cost);
            expose(contextValue, {
              limit: ratePoints,
              cost,
              remaining: res.remainingPoints,
              resetAt: new Date(Date.now() + res.msBeforeNext).toISOString(),
            });
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
            const resetAt = new Date(Date.now() + rejection.msBeforeNext).toISOString();
            expose(contextValue, { limit: ratePoints, cost, remaining: 0, resetAt });
            contextValue.res.setHeader('Retry-After', String(retryAfterSeconds));
            throw new GraphQLError(
              `This query costs ${cost} points and your budget of ${ratePoints} per ${rateWindowSeconds} s is spent; ` +
                `try again in ${retryAfterSeconds} s`,
              { extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429 } } },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          const state = states.get(contextValue);
          if (!state || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            rateLimit: state,
          };
        },
      };
    },
  };
}
