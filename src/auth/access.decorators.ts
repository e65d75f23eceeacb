import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthUser } from './auth-user.js';
import { ROLES, type Role } from './user.entity.js';

export const PUBLIC_KEY = 'yardstick:public';
export const ROLES_KEY = 'yardstick:roles';
export const METRICS_KEY = 'yardstick:metrics';

/** Open without a token. Only sign-in, health and the IDE page use it. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles allowed to call a handler. A handler with neither @Public nor @Roles is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Also open to `Authorization: Bearer $METRICS_TOKEN`, so Prometheus can scrape without a user account. */
export const MetricsScrape = () => SetMetadata(METRICS_KEY, true);

/** Every signed-in role. */
export const ANY_ROLE: Role[] = [...ROLES];

export function requestOf(context: ExecutionContext) {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext().req
    : context.switchToHttp().getRequest();
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => requestOf(context).user,
);
