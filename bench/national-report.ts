import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes bench/results/<name>.md (tables and ratios) and <name>.svg (throughput bars) from a national result. */
interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  statementsPerRequest: number | null;
  cpuMsPerRequest: number;
}
interface QueryResult {
  rows: Record<string, number>;
  bytes: number;
  closed: Figures;
  fixedRate: Figures & { rate: number };
}
interface NationalResult {
  durationSeconds: number;
  connections: number;
  queries: { id: string; title: string }[];
  contenders: Record<string, { peakRssMiB: number; queries: Record<string, QueryResult> }>;
  jobsMeanwhile: {
    rate: number;
    idle: Figures;
    duringJobs: Figures;
    jobsDone: { scorings: number; reports: number };
    p99Ratio: number;
  } | null;
}

const NAMES = ['yardstick', 'yardstick-base', 'postgraphile', 'floor'];
const COLOURS: Record<string, string> = {
  yardstick: '#1f6feb',
  'yardstick-base': '#9ecbff',
  postgraphile: '#8250df',
  floor: '#6e7781',
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '–' : `${round(a / b, 2)}x`;

export function writeReport(name: string, result: NationalResult): void {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [
    `# National benchmark${name === 'national' ? '' : ` (${name.replace('national-', '')})`}`,
    '',
    `Closed loop: ${result.connections} connections, ${result.durationSeconds} s per run, median of 3 runs. ` +
      `Fixed rate: the same requests/s for every contender. Statements: pg_stat_statements calls per request ` +
      `(BEGIN/COMMIT included). CPU: the server process's user+system time per request (PostgreSQL not included).`,
    '',
    '| query | contender | rows | req/s | p50 ms | p99 ms | fixed rate | p99 at rate ms | SQL/req | CPU ms/req |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const q of result.queries) {
    for (const c of NAMES) {
      const r = result.contenders[c]?.queries[q.id];
      if (!r) continue;
      lines.push(
        `| ${q.id} | ${c} | ${Object.entries(r.rows)
          .map(([k, v]) => `${v} ${k}`)
          .join(
            ', ',
          )} | ${round(r.closed.requestsPerSecond)} | ${r.closed.p50} | ${r.closed.p99} | ${r.fixedRate.rate}/s | ${r.fixedRate.p99} | ${r.closed.statementsPerRequest ?? 'n/a'} | ${r.closed.cpuMsPerRequest} |`,
      );
    }
  }
  lines.push(
    '',
    '| query | Yardstick/PostGraphile req/s | Yardstick/floor req/s | p99 Yardstick/PostGraphile | Yardstick/base req/s |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const q of result.queries) {
    const y = result.contenders.yardstick?.queries[q.id];
    const p = result.contenders.postgraphile?.queries[q.id];
    const f = result.contenders.floor?.queries[q.id];
    const b = result.contenders['yardstick-base']?.queries[q.id];
    lines.push(
      `| ${q.id} | ${ratio(y?.closed.requestsPerSecond, p?.closed.requestsPerSecond)} | ${ratio(y?.closed.requestsPerSecond, f?.closed.requestsPerSecond)} | ${ratio(y?.closed.p99, p?.closed.p99)} | ${ratio(y?.closed.requestsPerSecond, b?.closed.requestsPerSecond)} |`,
    );
  }
  lines.push(
    '',
    'Peak RSS of the server process (MiB): ' +
      NAMES.filter((c) => result.contenders[c])
        .map((c) => `${c} ${result.contenders[c].peakRssMiB}`)
        .join(', ') +
      '.',
  );
  if (result.jobsMeanwhile) {
    const j = result.jobsMeanwhile;
    lines.push(
      '',
      `Q1 on Yardstick at ${j.rate} req/s: p99 ${j.idle.p99} ms idle, ${j.duringJobs.p99} ms while scoring and rendering ` +
        `reports in a loop (${j.jobsDone.scorings} scorings, ${j.jobsDone.reports} reports): ${j.p99Ratio}x.`,
    );
  }
  lines.push('', 'Queries:', '', ...result.queries.map((q) => `- ${q.id}: ${q.title}`), '');
  writeFileSync(join(dir, `${name}.md`), lines.join('\n'));
  writeFileSync(join(dir, `${name}.svg`), chart(result));
}

/** Throughput of each contender as a share of the floor's, one group of bars per query, labelled in req/s. */
function chart(result: NationalResult): string {
  const width = 760;
  const rowHeight = 16;
  const groupGap = 18;
  const left = 170;
  const barMax = width - left - 90;
  const present = NAMES.filter((c) => result.contenders[c]);
  const height = 60 + result.queries.length * (present.length * rowHeight + groupGap) + 20;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Throughput at ${result.connections} connections (req/s; bar length relative to the floor)</text>`,
  ];
  present.forEach((c, i) => {
    out.push(
      `<rect x="${10 + i * 130}" y="32" width="12" height="12" fill="${COLOURS[c]}"/><text x="${26 + i * 130}" y="42">${c}</text>`,
    );
  });
  let y = 60;
  for (const q of result.queries) {
    const floor = result.contenders.floor?.queries[q.id]?.closed.requestsPerSecond;
    const values = present.map((c) => result.contenders[c].queries[q.id]?.closed.requestsPerSecond ?? 0);
    const scale = floor ?? Math.max(...values, 1);
    out.push(
      `<text x="10" y="${y + (present.length * rowHeight) / 2 + 4}" font-weight="bold">${q.id}</text>`,
    );
    present.forEach((c, i) => {
      const v = values[i];
      const w = Math.max(1, Math.min(barMax, (v / scale) * barMax * 0.8));
      out.push(
        `<text x="${left - 8}" y="${y + i * rowHeight + 12}" text-anchor="end" fill="#57606a">${c}</text>`,
        `<rect x="${left}" y="${y + i * rowHeight + 2}" width="${round(w)}" height="${rowHeight - 4}" fill="${COLOURS[c]}"/>`,
        `<text x="${left + w + 6}" y="${y + i * rowHeight + 12}">${round(v)}</text>`,
      );
    });
    y += present.length * rowHeight + groupGap;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
