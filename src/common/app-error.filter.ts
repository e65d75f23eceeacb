import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from './app-error.js';

/**
 * The one exception filter. GraphQL errors go back to Apollo, which formats them (see graphql-errors.ts);
 * REST errors become `{ code, message, ... }` with the matching status, and internals stay in the log.
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(AppErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') {
      // Returned to graphql-js, which raises it only if it is an Error of its own realm: anything else (a value
      // thrown that is not an Error, or one made in another realm, as under Jest's VM) would be taken as the
      // field's value. Wrapped, it keeps its code and cause for the formatter.
      if (exception instanceof Error) return exception;
      const message = (exception as { message?: unknown } | null)?.message;
      return new Error(typeof message === 'string' ? message : 'non-Error thrown', { cause: exception });
    }
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request & { correlationId?: string }>();
    const correlationId = request.correlationId;
    if (exception instanceof AppError) {
      response
        .status(exception.httpStatus)
        .json({ code: exception.code, message: exception.message, ...exception.details, correlationId });
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      response.status(status).json({ code, message: exception.message, correlationId });
    } else {
      this.logger.error({ err: exception, correlationId }, 'request failed');
      response
        .status(500)
        .json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', correlationId });
    }
  }
}
