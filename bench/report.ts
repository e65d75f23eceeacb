import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { loadConfig } from '../src/config/config.js';
import { freePort } from '../src/database/embedded-postgres.js';
import { migrate, seed, withDataSource } from '../src/database/prepare.js';
import { nationalReportData } from '../src/reports/gather.js';
import { TEMPLATE_VERSIONS } from '../src/reports/report-data.js';
import { ReportRenderer } from '../src/reports/report-renderer.js';
import { benchDatabase, record, watchMemory, waitHealthy } from './support.js';

/**
 * The national monthly report (issue: reports) on the demo data: gathering and rendering time and the process's
 * peak memory (the render worker is a thread of this process), then the API's p99 latency on a light GraphQL
 * query while idle and while reports render back to back on the same server.
 */
const RUNS = 5;
const LIGHT = `query ($p: Period!) { compliance(period: $p) { id targets { target { code } status measuredValue } } }`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const { url, embedded } = await benchDatabase();
  const config = loadConfig({});
  try {
    const snapshot = await withDataSource(url, async (ds) => {
      await migrate(ds);
      const [{ empty }] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM adoption_report) AS empty`);
      if (empty) await seed(ds, { demo: true, config });
      const [row] = await ds.query(
        `SELECT id, to_char(period, 'YYYY-MM') AS period FROM compliance_snapshot WHERE trigger = 'SEED'
          ORDER BY period DESC, created_at DESC LIMIT 1`,
      );
      return row as { id: string; period: string };
    });

    // Part 1: time and memory, gathering in SQL and rendering in the worker, as the service does.
    const renderer = new ReportRenderer();
    if (!renderer.usesWorker)
      throw new Error('run the built benchmark (npm run bench:report): no worker file');
    const memory = watchMemory();
    const totals: number[] = [];
    const gathers: number[] = [];
    let pages = 0;
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const data = await withDataSource(url, (ds) => nationalReportData(ds.manager, snapshot.id));
      const gathered = performance.now();
      const result = await renderer.render({
        data,
        language: i % 2 === 0 ? 'zh-CN' : 'en',
        templateVersion: TEMPLATE_VERSIONS.NATIONAL_MONTHLY,
      });
      totals.push(performance.now() - start);
      gathers.push(gathered - start);
      if (i === 0) {
        pages = result.pageCount;
        bytes = result.pdf.length;
      }
    }
    const peakMiB = memory.stop();
    await renderer.onModuleDestroy();

    // Part 2: API latency, idle and during renders, on the production server in its own process.
    const port = await freePort();
    const server = spawn(process.execPath, ['dist/src/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        JOBS_ENABLED: 'false',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const api = `http://127.0.0.1:${port}`;
    try {
      await waitHealthy(api, 2);
      const login = (await fetch(`${api}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { login(email: "regulator@yardstick.test", password: "yardstick-demo") { token } }',
        }),
      }).then((r) => r.json())) as { data: { login: { token: string } } };
      const headers = {
        'content-type': 'application/json',
        authorization: `Bearer ${login.data.login.token}`,
      };
      const body = JSON.stringify({ query: LIGHT, variables: { p: snapshot.period } });
      const load = () =>
        autocannon({ url: `${api}/graphql`, method: 'POST', headers, body, connections: 4, duration: 15 });
      await autocannon({ url: `${api}/graphql`, method: 'POST', headers, body, connections: 4, duration: 3 });
      const idle = await load();

      let rendering = true;
      let renders = 0;
      const renderLoop = (async () => {
        while (rendering) {
          const response = await fetch(`${api}/graphql`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              query: `mutation ($p: Period!, $l: ReportLanguage) { generateReport(kind: NATIONAL_MONTHLY, period: $p, language: $l) { id } }`,
              variables: { p: snapshot.period, l: renders % 2 === 0 ? 'ZH_CN' : 'EN' },
            }),
          }).then((r) => r.json() as Promise<{ errors?: unknown }>);
          if (response.errors) throw new Error(JSON.stringify(response.errors));
          renders++;
        }
      })();
      const busy = await load();
      rendering = false;
      await renderLoop;

      record('report', {
        report: 'NATIONAL_MONTHLY, demo data',
        period: snapshot.period,
        pages,
        bytes,
        runs: RUNS,
        medianMs: Math.round(median(totals)),
        gatherMedianMs: Math.round(median(gathers)),
        renderMedianMs: Math.round(median(totals) - median(gathers)),
        peakRssMiB: peakMiB,
        goal: { ms: 3000, peakMiB: 400, p99Ratio: 2 },
        api: {
          query: 'compliance(period) with its targets, 4 connections, 15 s',
          idle: { requestsPerSecond: idle.requests.average, p50: idle.latency.p50, p99: idle.latency.p99 },
          duringRenders: {
            renders,
            requestsPerSecond: busy.requests.average,
            p50: busy.latency.p50,
            p99: busy.latency.p99,
          },
          p99Ratio: Number((busy.latency.p99 / idle.latency.p99).toFixed(2)),
          non2xx: idle.non2xx + busy.non2xx,
        },
      });
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
