import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { AppError, type FieldProblem } from './app-error.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

// Half of a UTF-16 surrogate pair on its own: JSON can carry it, UTF-8 (and so PostgreSQL) cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no field may hold, whatever its own rules: a NUL character or half a surrogate pair (PostgreSQL text
 * cannot store them), and a date that is not one (the DateTime scalar turns "now" or "" into an invalid Date
 * rather than refusing it).
 * Returns the first problem, named as class-validator names fields (relative to the argument).
 */
export function unstorable(value: unknown, field = ''): FieldProblem | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field, message: 'must not contain a NUL character' };
    return LONE_SURROGATE.test(value) ? { field, message: 'must be valid Unicode text' } : null;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { field, message: 'must be an ISO 8601 date-time' } : null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorable(item, field ? `${field}.${key}` : key);
      if (problem) return problem;
    }
  }
  return null;
}

const INPUT_KINDS = new Set<string>(['args', 'body', 'query', 'param']);

/** One global pipe: unknown fields are refused, unstorable values too, and every problem names its field path. */
class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: GraphQL arguments, REST bodies, queries and path parameters (not the context).
    if (!INPUT_KINDS.has(metadata.type)) return super.transform(value, metadata);
    // Arguments of a whole input (`@Args('input')` or `@Args()`) name their fields from inside it, as
    // class-validator does; a scalar argument by its own name.
    const scalar = metadata.data && (value === null || typeof value !== 'object' || value instanceof Date);
    const problem = unstorable(value, scalar ? metadata.data : '');
    if (problem) throw AppError.invalidFields([problem]);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => AppError.invalidFields(flatten(errors)),
  });
}
