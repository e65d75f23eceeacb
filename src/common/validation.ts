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

type Flat = string | number | boolean | null | undefined | Date;
/** Arguments never kept in the cache: they carry secrets. */
const UNCACHED = new Set(['LoginArgs']);
const CACHE_SIZE = 500;

/**
 * A field's arguments are validated once per distinct value, not once per parent: a page of 1,110 hospitals that
 * each ask `adoption(from, to, indicatorCodes)` would otherwise run class-transformer and class-validator 1,110
 * times on the same arguments. Only flat arguments (scalars, dates, lists of scalars) are remembered, and every
 * call gets its own copy, so no caller can change what another sees. Invalid arguments are never cached.
 */
class CachingValidationPipe extends InputPipe {
  private readonly valid = new Map<string, { metatype: unknown; value: Record<string, unknown> }>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // GraphQL arguments reach pipes as 'body' (@nestjs/graphql maps @Args() to it).
    const key = metadata.type === 'body' ? flatKey(value, metadata) : null;
    const hit = key === null ? undefined : this.valid.get(key);
    if (hit && hit.metatype === metadata.metatype) return copy(hit.value);
    const result = await super.transform(value, metadata);
    if (key !== null && result && typeof result === 'object') {
      if (this.valid.size >= CACHE_SIZE) this.valid.delete(this.valid.keys().next().value!);
      this.valid.set(key, { metatype: metadata.metatype, value: copy(result as Record<string, unknown>) });
    }
    return result;
  }
}

function isFlat(v: unknown): v is Flat {
  return (
    v === null || v === undefined || v instanceof Date || ['string', 'number', 'boolean'].includes(typeof v)
  );
}

function flatKey(value: unknown, metadata: ArgumentMetadata): string | null {
  const metatype = metadata.metatype as { name?: string } | undefined;
  if (!metatype?.name || !value || typeof value !== 'object') return null;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return null; // an argument object, not a Date or list
  if (UNCACHED.has(metatype.name)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [, v] of entries) {
    // JSON would write an invalid date as null, the key of a valid null: never cache one.
    if (v instanceof Date && Number.isNaN(v.getTime())) return null;
    if (!(isFlat(v) || (Array.isArray(v) && v.every((x) => isFlat(x) && !(x instanceof Date))))) return null;
  }
  const key = JSON.stringify([metadata.data ?? null, metatype.name, entries], (_, v: unknown) =>
    v === undefined ? '\u0000undefined' : v,
  );
  return key.length <= 2000 ? key : null;
}

/** Same class, own properties copied one level down (lists and dates included). */
function copy<T extends Record<string, unknown>>(source: T): T {
  const target = Object.create(Object.getPrototypeOf(source)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(source)) {
    target[k] = Array.isArray(v) ? [...v] : v instanceof Date ? new Date(v.getTime()) : v;
  }
  return target as T;
}

/**
 * The global pipe: argument caching over the input checks over class-validator. Unknown fields are refused,
 * unstorable values too, and every problem names its field path.
 */
export function createValidationPipe(): ValidationPipe {
  return new CachingValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => AppError.invalidFields(flatten(errors)),
  });
}
