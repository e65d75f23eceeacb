/**
 * The error every service throws. One global formatter maps it to `extensions.code` (GraphQL) or a JSON body
 * with the HTTP status (REST); anything else is an internal error and is masked.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | (string & {});

export interface FieldProblem {
  field: string;
  message: string;
}

const HTTP_STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code] ?? 422;
  }

  static badInput(field: string, message: string): AppError {
    return new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field, fields: [{ field, message }] });
  }

  static invalidFields(fields: FieldProblem[]): AppError {
    const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new AppError('BAD_USER_INPUT', message, { field: fields[0]?.field, fields });
  }

  static notFound(what: string, key: string): AppError {
    return new AppError('NOT_FOUND', `${what} ${key} not found`, { entity: what, key });
  }

  static unauthenticated(message = 'Sign in first: send a bearer token from the login mutation'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }

  static forbidden(message = 'Your role may not do this'): AppError {
    return new AppError('FORBIDDEN', message);
  }
}
