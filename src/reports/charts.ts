/**
 * Charts as SVG strings, drawn here rather than by a chart library: pdfmake embeds SVG as vectors (svg-to-pdfkit),
 * the two shapes needed are simple, and every mark is placed from the report's own figures, so the same data
 * always draws the same bytes. Coordinates are floats; the figures printed beside them stay decimal strings.
 */
import { monthIndex } from '../common/periods.js';
import type { Point } from './report-data.js';

const FONT = 'NotoSansSC';
const COLOURS = {
  measured: '#1f4e8c',
  expected: '#7a7a7a',
  projection: '#d9822b',
  threshold: '#b03a2e',
  axis: '#444444',
  grid: '#e3e3e3',
  bar: '#1f4e8c',
  barNoData: '#bdbdbd',
};

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (n: number) => (Math.round(n * 100) / 100).toString();

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

function formatTick(value: number): string {
  if (value >= 1_000_000) return `${fixed(value / 1_000_000)}M`;
  if (value >= 10_000) return `${fixed(value / 1000)}k`;
  return fixed(value);
}

export interface TrajectoryChart {
  history: Point[];
  expectedPath: Point[];
  projection: Point[];
  threshold: string;
  deadline: string;
  labels: { measured: string; expected: string; projection: string; threshold: string };
}

/** Measured history, the expected path, the projection to the deadline and the threshold, on one time axis. */
export function trajectorySvg(chart: TrajectoryChart, width = 500, height = 210): string {
  const left = 48;
  const right = 12;
  const top = 14;
  const bottom = 46;
  const all = [...chart.history, ...chart.expectedPath, ...chart.projection];
  const months = all.map((p) => monthIndex(p.period)).concat(monthIndex(chart.deadline));
  const x0 = Math.min(...months);
  const x1 = Math.max(...months, x0 + 1);
  const yMax = niceMax(Math.max(Number(chart.threshold), ...all.map((p) => Number(p.value))) * 1.05);
  const x = (period: string) => left + ((monthIndex(period) - x0) / (x1 - x0)) * (width - left - right);
  const y = (value: number) => top + (1 - value / yMax) * (height - top - bottom);
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(
      `<line x1="${left}" y1="${fixed(y(v))}" x2="${width - right}" y2="${fixed(y(v))}" stroke="${COLOURS.grid}" stroke-width="0.6"/>`,
      `<text x="${left - 4}" y="${fixed(y(v) + 3)}" font-family="${FONT}" font-size="7" text-anchor="end" fill="${COLOURS.axis}">${formatTick(v)}</text>`,
    );
  }
  for (let m = Math.ceil(x0 / 12) * 12; m <= x1; m += 12) {
    const year = Math.floor(m / 12);
    const px = left + ((m - x0) / (x1 - x0)) * (width - left - right);
    parts.push(
      `<line x1="${fixed(px)}" y1="${top}" x2="${fixed(px)}" y2="${height - bottom}" stroke="${COLOURS.grid}" stroke-width="0.6"/>`,
      `<text x="${fixed(px)}" y="${height - bottom + 11}" font-family="${FONT}" font-size="7" text-anchor="middle" fill="${COLOURS.axis}">${year}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="${COLOURS.axis}" stroke-width="0.8"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="${COLOURS.axis}" stroke-width="0.8"/>`,
  );
  const ty = fixed(y(Number(chart.threshold)));
  parts.push(
    `<line x1="${left}" y1="${ty}" x2="${width - right}" y2="${ty}" stroke="${COLOURS.threshold}" stroke-width="1" stroke-dasharray="4,3"/>`,
  );
  const polyline = (points: Point[], colour: string, dash: string, w: number) =>
    points.length > 1
      ? `<polyline points="${points.map((p) => `${fixed(x(p.period))},${fixed(y(Number(p.value)))}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="${w}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
      : '';
  parts.push(polyline(chart.expectedPath, COLOURS.expected, '2,2', 1.2));
  parts.push(polyline(chart.projection, COLOURS.projection, '5,3', 1.4));
  parts.push(polyline(chart.history, COLOURS.measured, '', 1.8));
  for (const p of chart.history) {
    parts.push(
      `<circle cx="${fixed(x(p.period))}" cy="${fixed(y(Number(p.value)))}" r="1.8" fill="${COLOURS.measured}"/>`,
    );
  }
  const legend: [string, string, string][] = [
    [chart.labels.measured, COLOURS.measured, ''],
    [chart.labels.expected, COLOURS.expected, '2,2'],
    [chart.labels.projection, COLOURS.projection, '5,3'],
    [chart.labels.threshold, COLOURS.threshold, '4,3'],
  ];
  legend.forEach(([label, colour, dash], i) => {
    const lx = left + i * 96;
    const ly = height - 12;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 18}" y2="${ly}" stroke="${colour}" stroke-width="1.6"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${lx + 22}" y="${ly + 3}" font-family="${FONT}" font-size="7.5" fill="${COLOURS.axis}">${escape(label)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

export interface Bar {
  label: string;
  value: string | null;
}

/** Horizontal bars, one per province in the order given, with the national threshold as a line. */
export function barsSvg(bars: Bar[], threshold: string, width = 500): string {
  const row = 12;
  const left = 92;
  const right = 40;
  const top = 6;
  const height = top + bars.length * row + 18;
  const max = niceMax(Math.max(Number(threshold), ...bars.map((b) => Number(b.value ?? 0))));
  const x = (v: number) => left + (v / max) * (width - left - right);
  const parts: string[] = [];
  bars.forEach((bar, i) => {
    const yTop = top + i * row;
    parts.push(
      `<text x="${left - 4}" y="${yTop + 9}" font-family="${FONT}" font-size="7.5" text-anchor="end" fill="${COLOURS.axis}">${escape(bar.label)}</text>`,
    );
    if (bar.value === null) {
      parts.push(
        `<rect x="${left}" y="${yTop + 2}" width="4" height="${row - 4}" fill="${COLOURS.barNoData}"/>`,
        `<text x="${left + 8}" y="${yTop + 9}" font-family="${FONT}" font-size="7" fill="${COLOURS.axis}">-</text>`,
      );
      return;
    }
    const v = Number(bar.value);
    parts.push(
      `<rect x="${left}" y="${yTop + 2}" width="${fixed(Math.max(x(v) - left, 0.5))}" height="${row - 4}" fill="${COLOURS.bar}"/>`,
      `<text x="${fixed(x(v) + 3)}" y="${yTop + 9}" font-family="${FONT}" font-size="7" fill="${COLOURS.axis}">${fixed(v)}</text>`,
    );
  });
  const tx = fixed(x(Number(threshold)));
  const bottom = top + bars.length * row;
  parts.push(
    `<line x1="${tx}" y1="${top}" x2="${tx}" y2="${bottom}" stroke="${COLOURS.threshold}" stroke-width="1" stroke-dasharray="4,3"/>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - right}" y2="${bottom}" stroke="${COLOURS.axis}" stroke-width="0.8"/>`,
  );
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(
      `<text x="${fixed(x(v))}" y="${bottom + 10}" font-family="${FONT}" font-size="7" text-anchor="middle" fill="${COLOURS.axis}">${formatTick(v)}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
