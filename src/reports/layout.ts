import { Decimal } from 'decimal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content, DocumentDefinition } from 'pdfmake';
import { inBeijing } from '../common/periods.js';
import { templatesDir } from './render.js';
import type { ReportLanguage, SnapshotInfo } from './report-data.js';

/** The shared look of every report: A4 landscape, Noto Sans SC, numbered footer naming the snapshot. */
export type Strings = (key: string, vars?: Record<string, string | number>) => string;

const cache = new Map<ReportLanguage, Record<string, string>>();

export function strings(language: ReportLanguage): Strings {
  let table = cache.get(language);
  if (!table) {
    table = JSON.parse(readFileSync(join(templatesDir(), 'strings', `${language}.json`), 'utf8')) as Record<
      string,
      string
    >;
    cache.set(language, table);
  }
  const dictionary = table;
  return (key, vars = {}) => {
    const text = dictionary[key];
    if (text === undefined) throw new Error(`templates/strings/${language}.json has no "${key}"`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}

export const STATUS_COLOURS: Record<string, string> = {
  ACHIEVED: '#1e7b3c',
  ON_TRACK: '#2f6fb3',
  AT_RISK: '#c77c0e',
  OFF_TRACK: '#b03a2e',
  MISSED: '#6d1a12',
  NO_DATA: '#757575',
};

/** Thousands separators on an exact decimal string, rounded half up to `places`. */
export function formatDecimal(value: string | null, places: number): string {
  if (value === null) return '-';
  const fixed = new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** The unit a target's figures are in, as a suffix. */
export function unitSuffix(aggregation: string, indicatorUnit: string, language: ReportLanguage): string {
  if (['SHARE', 'REGION_RATIO'].includes(aggregation) || indicatorUnit === 'PERCENT') return ' %';
  if (indicatorUnit === 'CNY') return language === 'en' ? ' yuan' : ' 元';
  return '';
}

/** A figure for a table: two decimals for shares and money, whole numbers for counts. */
export function figure(
  value: string | null,
  aggregation: string,
  indicatorUnit: string,
  language: ReportLanguage,
) {
  if (value === null) return '-';
  const percent = unitSuffix(aggregation, indicatorUnit, language) === ' %';
  const places = percent || indicatorUnit === 'CNY' ? 2 : new Decimal(value).isInteger() ? 0 : 2;
  return `${formatDecimal(value, places)}${unitSuffix(aggregation, indicatorUnit, language)}`;
}

/** The data cut-off in Beijing time, which is how regulators read dates. */
export function beijingTime(iso: string): string {
  const d = inBeijing(new Date(iso));
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
}

export function heading(text: string, level: 1 | 2 = 1, pageBreak = false): Content {
  return {
    text,
    style: level === 1 ? 'h1' : 'h2',
    headlineLevel: level,
    ...(pageBreak ? { pageBreak: 'before' } : {}),
  };
}

/** A table whose header row repeats on every page it spans; compact tables fit 31 provinces on one page. */
export function table(
  header: string[],
  rows: Content[][],
  widths: (string | number)[],
  options: { compact?: boolean } = {},
): Content {
  const padding = options.compact ? 1 : 3;
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [header.map((h) => ({ text: h, style: 'th' })), ...rows],
    },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
        i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3,
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i <= 1 ? '#555555' : '#cccccc'),
      fillColor: (row: number) => (row === 0 ? '#eef2f7' : row % 2 === 0 ? '#fafafa' : null),
      paddingTop: () => padding,
      paddingBottom: () => padding,
    },
    style: options.compact ? 'compact' : 'table',
    margin: options.compact ? [0, 2, 0, 0] : [0, 4, 0, 10],
  };
}

export function statusCell(status: string, t: Strings): Content {
  return { text: t(`status.${status}`), color: STATUS_COLOURS[status] ?? '#000000', bold: true };
}

/**
 * The frame around the content: fonts, styles, a footer on every page with the report, period, snapshot, data
 * cut-off, methodology and page number, and for demo data a visible mark on every page. The page count is
 * reported through `onPageCount`, as pdfmake knows it only while laying out the footer.
 */
export function frame(options: {
  title: string;
  snapshot: SnapshotInfo;
  templateVersion: string;
  language: ReportLanguage;
  content: Content[];
  t: Strings;
  onPageCount: (pages: number) => void;
}): DocumentDefinition {
  const { t, snapshot } = options;
  const synthetic = snapshot.synthetic;
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, synthetic ? 44 : 34, 40, 48],
    info: {
      title: `${options.title} ${snapshot.period}`,
      author: 'Yardstick',
      subject: `${snapshot.period}; ${t('snapshot')} ${snapshot.id}`,
      creator: `Yardstick ${options.templateVersion}`,
      producer: 'Yardstick (pdfmake)',
      // Fixed from the snapshot, not the clock, so that regenerating gives the same bytes.
      creationDate: new Date(snapshot.createdAt),
      modDate: new Date(snapshot.createdAt),
    },
    watermark: synthetic ? { text: t('synthetic'), color: '#b03a2e', opacity: 0.06, bold: true } : undefined,
    header: synthetic
      ? {
          text: `${t('synthetic')} · ${t('syntheticNote')}`,
          color: '#b03a2e',
          fontSize: 7.5,
          bold: true,
          alignment: 'center',
          margin: [40, 16, 40, 0],
        }
      : undefined,
    footer: (page: number, pages: number): Content => {
      options.onPageCount(pages);
      return {
        margin: [40, 10, 40, 0],
        fontSize: 7,
        color: '#555555',
        columns: [
          {
            width: '*',
            text:
              `${options.title} · ${t('period')} ${snapshot.period} · ${t('snapshot')} ${snapshot.id} · ` +
              `${t('dataCutoff')} ${beijingTime(snapshot.dataCutoff)} · ${t('methodology')} ${snapshot.methodologyVersion} · ` +
              `${t('template')} ${options.templateVersion}${synthetic ? ` · ${t('synthetic')}` : ''}`,
          },
          { width: 80, text: t('page', { page, pages }), alignment: 'right' },
        ],
      };
    },
    defaultStyle: { font: 'NotoSansSC', fontSize: 8.5, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 22, bold: true, color: '#1f3b5c', margin: [0, 60, 0, 6] },
      subtitle: { fontSize: 12, color: '#444444', margin: [0, 0, 0, 24] },
      h1: { fontSize: 14, bold: true, color: '#1f3b5c', margin: [0, 4, 0, 6] },
      h2: { fontSize: 11, bold: true, color: '#1f3b5c', margin: [0, 10, 0, 4] },
      th: { bold: true, fontSize: 8, color: '#1f3b5c' },
      table: { fontSize: 8 },
      compact: { fontSize: 7.5, lineHeight: 1.05 },
      facts: { fontSize: 7.8, lineHeight: 1 },
      note: { fontSize: 7.5, color: '#555555' },
      label: { color: '#555555' },
    },
    content: options.content,
    // A heading never ends a page: if nothing after it fits on the page, it moves to the next one.
    pageBreakBefore: (node: { headlineLevel?: number }, following: { length: number }) =>
      node.headlineLevel !== undefined && following.length === 0,
  };
}
