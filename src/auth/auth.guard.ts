import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { METRICS_KEY, PUBLIC_KEY, requestOf, ROLES_KEY } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { bearerToken } from './bearer.js';
import type { Role } from './user.entity.js';

/**
 * Global guard, deny by default: a handler answers only if it is marked @Public or lists the caller's role.
 * A bad or expired token is refused even on public handlers, so a client learns at once that it must sign in again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = requestOf(context);

    const header: string | undefined = request.headers?.authorization;
    if (header) {
      const token = bearerToken(header);
      if (!token) {
        throw AppError.unauthenticated('The Authorization header must read "Bearer <token>"');
      }
      const metricsToken = this.config.metricsToken;
      if (
        metricsToken &&
        token === metricsToken &&
        this.reflector.getAllAndOverride<boolean>(METRICS_KEY, targets)
      ) {
        return true;
      }
      request.user = await this.auth.verifyToken(token);
    }
    if (isPublic) return true;
    if (!request.user) throw AppError.unauthenticated();
    if (!roles || !roles.includes(request.user.role)) {
      throw AppError.forbidden(`The ${request.user.role} role may not do this`);
    }
    return true;
  }
}
