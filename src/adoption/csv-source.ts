import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable, Transform } from 'node:stream';
import { AppError } from '../common/app-error.js';
import type { IntakeRow } from './adoption-staging.js';

export const CSV_ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Accepted header names, English or Chinese (as a data officer's Excel sheet might have them). */
const HEADER_ALIASES: Record<string, Exclude<keyof IntakeRow, 'line' | 'parseError'>> = {
  hospital_id: 'hospitalId',
  医院编码: 'hospitalId',
  机构编码: 'hospitalId',
  region_code: 'regionCode',
  地区编码: 'regionCode',
  行政区划代码: 'regionCode',
  indicator_code: 'indicatorCode',
  指标编码: 'indicatorCode',
  period: 'period',
  月份: 'period',
  value: 'value',
  数值: 'value',
  numerator: 'numerator',
  分子: 'numerator',
  denominator: 'denominator',
  分母: 'denominator',
};

const PEEK_BYTES = 64 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Files saved from Excel on a Chinese Windows system are GBK (read as its superset GB18030); others are UTF-8,
 * with or without a BOM. `auto` decides on the first 64 KB: a BOM or valid UTF-8 means UTF-8, anything else
 * GB18030. The decision is made once and the rest of the file streams through.
 */
export async function decodeToUtf8(input: Readable, encoding: CsvEncoding = 'auto'): Promise<Readable> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < PEEK_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    size += chunk.length;
  }
  const first = Buffer.concat(head);
  const chosen = encoding === 'auto' ? detect(first) : encoding;
  const bytes = Readable.from(
    (async function* () {
      if (first.length) yield first;
      if (!done) for await (const chunk of { [Symbol.asyncIterator]: () => iterator }) yield chunk;
    })(),
  );
  return chosen === 'gb18030' ? (bytes.pipe(iconv.decodeStream('gb18030')) as unknown as Readable) : bytes;
}

function detect(head: Buffer): 'utf-8' | 'gb18030' {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'utf-8';
  try {
    // `stream: true` tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** CSV text to IntakeRow objects, with the file's line numbers. The header row names the columns. */
export function csvRows(): Transform[] {
  let columns: (keyof IntakeRow | null)[] | null = null;
  let rows = 0;
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const mapper = new Transform({
    objectMode: true,
    transform({ record, info }: { record: string[]; info: { lines: number } }, _encoding, done) {
      if (!columns) {
        try {
          columns = readHeader(record);
          return done();
        } catch (error) {
          return done(error as Error);
        }
      }
      const row: IntakeRow = { line: info.lines };
      if (record.length !== columns.length) {
        row.parseError = `expected ${columns.length} columns as in the header, found ${record.length}`;
      }
      columns.forEach((key, i) => {
        const text = record[i]?.trim();
        if (text?.includes('\0')) row.parseError = `column ${i + 1} contains a NUL character`;
        else if (key && text) (row as unknown as Record<string, string>)[key] = text;
      });
      rows++;
      done(null, row);
    },
    flush(done) {
      if (!columns)
        return done(
          new AppError('BAD_USER_INPUT', 'The file is empty: it has no header row', { field: 'file' }),
        );
      if (rows === 0)
        return done(new AppError('BAD_USER_INPUT', 'The file has a header but no rows', { field: 'file' }));
      done();
    },
  });
  return [parser, mapper];
}

/** A CSV syntax error (an unclosed quote, say) refuses the whole file, naming the line. */
export function csvFileError(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = (error as CsvError & { lines?: number }).lines;
  return new AppError(
    'BAD_USER_INPUT',
    `The file is not valid CSV${line ? ` at line ${line}` : ''}: ${error.message}`,
    {
      field: 'file',
      line,
    },
  );
}

function readHeader(record: string[]): (keyof IntakeRow | null)[] {
  const columns = record.map((name) => {
    const key = HEADER_ALIASES[name.trim().toLowerCase()] ?? HEADER_ALIASES[name.trim()];
    if (!key) {
      throw new AppError(
        'BAD_USER_INPUT',
        `Unknown column "${name}" in the header; expected hospital_id or region_code, indicator_code, period, and value or numerator and denominator`,
        { field: 'file', column: name, line: 1 },
      );
    }
    return key;
  });
  const has = (key: keyof IntakeRow) => (columns as (keyof IntakeRow)[]).includes(key);
  const missing = [
    !has('indicatorCode') && 'indicator_code',
    !has('period') && 'period',
    !has('hospitalId') && !has('regionCode') && 'hospital_id or region_code',
    !has('value') && !(has('numerator') && has('denominator')) && 'value (or numerator and denominator)',
  ].filter(Boolean);
  if (missing.length) {
    throw new AppError('BAD_USER_INPUT', `The header lacks ${missing.join(', ')}`, {
      field: 'file',
      line: 1,
    });
  }
  return columns;
}
