import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-postgres.js';
import { record, waitHealthy } from './support.js';

/**
 * The regulator's nested page (issue: adoption data): 50 hospitals of Guangdong with 12 months of 4 indicators,
 * against the server in production mode in its own process, driven by autocannon from this one at 10
 * connections. Without DATABASE_URL the server seeds a fresh embedded database with the demo data first.
 */
const QUERY = `query Page($after: String) {
  hospitals(first: 50, after: $after, filter: { regionCode: "440000" }) {
    totalCount
    edges { node { id nameZh tier region { code nameEn }
      adoption(from: "2025-10", to: "2026-09", indicatorCodes: ["IMAGING_AI", "CDS_AI", "LLM_DIAGNOSIS", "SPECIALIST_DEPT_AI"]) {
        indicatorCode period value revision } } } } }`;

async function main() {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'yardstick-bench-server-'));
  chmodSync(root, 0o755);
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      EMBEDDED_PG_DIR: join(root, 'pgdata'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, 5);
    const login = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(email: "regulator@yardstick.test", password: "yardstick-demo") { token } }',
      }),
    }).then((r) => r.json() as Promise<{ data: { login: { token: string } } }>);
    const body = JSON.stringify({ query: QUERY });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.data.login.token}` };
    type Page = { errors?: unknown; data: { hospitals: { edges: { node: { adoption: unknown[] } }[] } } };
    const check = await fetch(`${url}/graphql`, { method: 'POST', headers, body }).then(
      (r) => r.json() as Promise<Page>,
    );
    const values = check.data.hospitals.edges.reduce(
      (n: number, e: { node: { adoption: unknown[] } }) => n + e.node.adoption.length,
      0,
    );
    if (check.errors || values < 50 * 4 * 10)
      throw new Error(`unexpected answer: ${JSON.stringify(check).slice(0, 300)}`);

    await autocannon({ url: `${url}/graphql`, method: 'POST', headers, body, connections: 10, duration: 5 }); // warm-up
    const result = await autocannon({
      url: `${url}/graphql`,
      method: 'POST',
      headers,
      body,
      connections: 10,
      duration: 20,
    });
    record('nested-page', {
      query: '50 hospitals x 12 months x 4 indicators, with region (5 SQL statements per request)',
      valuesPerResponse: values,
      connections: 10,
      durationSeconds: 20,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      non2xx: result.non2xx,
      errors: result.errors,
      bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
