import { Transform } from 'node:stream';

/** One incoming value before any check: everything is text, as it came. */
export interface IntakeRow {
  line: number;
  hospitalId?: string | null;
  regionCode?: string | null;
  indicatorCode?: string | null;
  period?: string | null;
  value?: string | null;
  numerator?: string | null;
  denominator?: string | null;
  /** Set when the row could not even be split into columns. */
  parseError?: string | null;
}

export const STAGING_COLUMNS: { key: keyof IntakeRow; name: string; type: string }[] = [
  { key: 'line', name: 'line', type: 'integer' },
  { key: 'hospitalId', name: 'hospital_id', type: 'text' },
  { key: 'regionCode', name: 'region_code', type: 'text' },
  { key: 'indicatorCode', name: 'indicator_code', type: 'text' },
  { key: 'period', name: 'period', type: 'text' },
  { key: 'value', name: 'value', type: 'text' },
  { key: 'numerator', name: 'numerator', type: 'text' },
  { key: 'denominator', name: 'denominator', type: 'text' },
  { key: 'parseError', name: 'parse_error', type: 'text' },
];

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. */
function copyField(value: unknown): string {
  if (value === null || value === undefined || value === '') return '\\N';
  return String(value).replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
  );
}

export function toCopyLines(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(row: IntakeRow, _encoding, done) {
      done(null, STAGING_COLUMNS.map((c) => copyField(row[c.key])).join('\t') + '\n');
    },
  });
}
