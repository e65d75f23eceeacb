import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Shared by the scalars and the input classes: a month or a day of 1900-2099 (year 0000 would crash PostgreSQL). */
export const PERIOD_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^(19|20)\d{2}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw new GraphQLError(`${scalar} must be given as a string`);
  return ast.value;
}

function parsePeriod(value: unknown): string {
  if (typeof value !== 'string' || !PERIOD_PATTERN.test(value)) {
    throw new GraphQLError('Period must be a month written YYYY-MM, e.g. "2026-10"');
  }
  return value;
}

function parseDate(value: unknown): string {
  // Round-trips through Date so that 2026-02-31 (which JavaScript would roll into March) is refused.
  if (
    typeof value !== 'string' ||
    !DATE_PATTERN.test(value) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD');
  }
  return value;
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new GraphQLError(
      'Decimal must be a string of digits with an optional sign and fraction, e.g. "12.50"',
    );
  }
  return value;
}

/** A calendar month, "2026-10". Stored as the first day of the month. */
export const PeriodScalar = new GraphQLScalarType({
  name: 'Period',
  description: 'A calendar month, written YYYY-MM (e.g. "2026-10").',
  serialize(value) {
    const text = value instanceof Date ? value.toISOString() : String(value);
    const match = /^(\d{4}-\d{2})/.exec(text);
    if (!match) throw new GraphQLError(`Cannot serialise ${text} as a Period`);
    return match[1];
  },
  parseValue: parsePeriod,
  parseLiteral(ast): string {
    return parsePeriod(literalString(ast, 'Period'));
  },
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, written YYYY-MM-DD.',
  serialize(value) {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (!DATE_PATTERN.test(text)) throw new GraphQLError(`Cannot serialise ${text} as a Date`);
    return text;
  },
  parseValue: parseDate,
  parseLiteral(ast): string {
    return parseDate(literalString(ast, 'Date'));
  },
});

/**
 * Exact decimal numbers (thresholds, amounts, measured values) travel as strings: a JSON number would be a
 * binary float on most clients and lose cents or digits.
 */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "30000000.00" or "12.5". Never a float.',
  serialize(value) {
    const text = String(value);
    if (!DECIMAL.test(text)) throw new GraphQLError(`Cannot serialise ${text} as a Decimal`);
    return text;
  },
  parseValue: parseDecimal,
  parseLiteral(ast): string {
    return parseDecimal(literalString(ast, 'Decimal'));
  },
});

/** "2026-10" -> "2026-10-01", the stored form. */
export function periodToDate(period: string): string {
  return `${period}-01`;
}
