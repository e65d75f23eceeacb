import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { encodeCursor } from '../src/common/pagination.js';
import { freePort } from '../src/database/embedded-postgres.js';
import { loadDataset } from './dataset.js';
import {
  floorPath,
  floorRows,
  postgraphileQuery,
  postgraphileRows,
  PROVINCE,
  QUERIES,
  yardstickQuery,
  yardstickRows,
  YARDSTICK_MAX_PAGE,
  type Counts,
  type QueryId,
} from './queries.js';
import { resetStatements, scaleDatabase, statementCalls } from './scale-db.js';
import { record } from './support.js';
import { writeReport } from './national-report.js';

/**
 * The national benchmark (issue 7), one command: `npm run bench`. On the national dataset (loaded first if
 * missing), one contender at a time on the same database and machine: Yardstick in production mode, PostGraphile 5
 * (Node 22, bench/postgraphile) and the floor (bench/floor.ts). For each query: the answers' rows are checked
 * against the floor's, then autocannon from this process at 10 connections (closed loop, 3 runs, median) and at a
 * fixed rate; per run requests/s, p50, p99, SQL statements per request (pg_stat_statements), server CPU per request
 * (/proc/<pid>/stat) and the server's peak RSS (VmHWM). Then Q1 at its fixed rate while Yardstick scores and
 * renders reports in a loop. Results: bench/results/national[-<label>].{json,md,svg}.
 *
 * Options: --label NAME, --only yardstick,postgraphile,floor, --queries Q0,Q1, --duration SECONDS, --no-jobs.
 */
const ROOT = process.cwd();
const PG_DIR = join(ROOT, 'bench', 'postgraphile');
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** Fixed request rates (requests/s over all 10 connections), the same for every contender. */
export const FIXED_RATE: Record<QueryId, number> = { Q0: 200, Q1: 20, Q2: 1, Q3: 50, Q4: 200 };
const CONNECTIONS = 10;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type ContenderName = 'yardstick' | 'postgraphile' | 'floor';
interface Request {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}
interface Contender {
  name: ContenderName;
  process: ChildProcess;
  request(id: QueryId): Request;
  rows(id: QueryId, body: unknown): Counts;
}

export interface RunFigures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  statementsPerRequest: number | null;
  cpuMsPerRequest: number;
  bytesPerResponse: number;
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}

function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}`);
    if (i > 600) throw new Error(`${url} did not answer in 5 minutes`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function startYardstick(dbUrl: string, env: Record<string, string> = {}): Promise<Contender> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      JWT_SECRET,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(`${base}/health`, child);
  const login = async (email: string) => {
    const r = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { login(email: "${email}", password: "yardstick-demo") { token } }`,
      }),
    }).then((res) => res.json() as Promise<{ data: { login: { token: string } } }>);
    return r.data.login.token;
  };
  const tokens = {
    regulator: await login('regulator@yardstick.test'),
    company: await login('company-a@yardstick.test'),
  };
  const cursors = await q2Cursors(dbUrl);
  return {
    name: 'yardstick',
    process: child,
    request: (id) => ({
      url: `${base}/graphql`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[QUERIES.find((q) => q.id === id)!.as]}`,
      },
      body: JSON.stringify({ query: yardstickQuery(id, cursors) }),
    }),
    rows: (id, body) => yardstickRows(id, body),
  };
}

/** The `after` cursors of Yardstick's pages of 100 over the province (first page: none). */
async function q2Cursors(dbUrl: string): Promise<(string | null)[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM hospital WHERE region_code = $1) x
      WHERE n % $2 = 0 ORDER BY id`,
    [PROVINCE, YARDSTICK_MAX_PAGE],
  );
  const { rows: count } = await client.query(
    `SELECT count(*)::int AS n FROM hospital WHERE region_code = $1`,
    [PROVINCE],
  );
  await client.end();
  const cursors: (string | null)[] = [null, ...rows.map((r) => encodeCursor([r.id]))];
  return cursors.slice(0, Math.ceil(count[0].n / YARDSTICK_MAX_PAGE));
}

async function companyId(dbUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT company_id FROM app_user WHERE email = 'company-a@yardstick.test'`,
  );
  await client.end();
  return rows[0].company_id;
}

async function startPostgraphile(dbUrl: string): Promise<Contender> {
  if (!existsSync(join(PG_DIR, 'node_modules', '.bin', 'node'))) {
    console.warn('installing PostGraphile 5 and Node 22 into bench/postgraphile (npm ci)');
    execFileSync('npm', ['ci', '--prefix', PG_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(readFileSync(join(PG_DIR, 'setup.sql'), 'utf8'));
  await client.end();
  const port = await freePort();
  // The Node 22 binary itself (not the .bin link through a shell), so that the pid is the server's.
  const node = resolve(PG_DIR, 'node_modules', 'node', 'bin', 'node');
  const child = spawn(node, ['server.mjs'], {
    cwd: PG_DIR,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: dbUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(`${base}/graphql`, child);
  const company = await companyId(dbUrl);
  return {
    name: 'postgraphile',
    process: child,
    request: (id) => ({
      url: `${base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: postgraphileQuery(id, company) }),
    }),
    rows: (id, body) => postgraphileRows(id, body),
  };
}

async function startFloor(dbUrl: string): Promise<Contender> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/bench/floor.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: dbUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(`${base}/health`, child);
  const company = await companyId(dbUrl);
  return {
    name: 'floor',
    process: child,
    request: (id) => ({ url: `${base}${floorPath(id, company)}`, method: 'GET', headers: {} }),
    rows: (id, body) => floorRows(id, body),
  };
}

async function answer(contender: Contender, id: QueryId): Promise<{ rows: Counts; bytes: number }> {
  const req = contender.request(id);
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  const body = JSON.parse(text) as { errors?: unknown };
  if (!res.ok || body.errors) throw new Error(`${contender.name} ${id}: ${res.status} ${text.slice(0, 500)}`);
  return { rows: contender.rows(id, body), bytes: Buffer.byteLength(text) };
}

async function load(
  contender: Contender,
  id: QueryId,
  stats: pg.Client,
  options: { duration: number; rate?: number },
): Promise<RunFigures> {
  const req = contender.request(id);
  const pid = contender.process.pid!;
  const counting = await resetStatements(stats);
  const before = cpuTicks(pid);
  const result = await autocannon({
    url: req.url,
    method: req.method,
    headers: req.headers,
    body: req.body,
    connections: CONNECTIONS,
    duration: options.duration,
    timeout: 60, // seconds: a slow whole-province answer is slow, not an error
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  const cpu = cpuTicks(pid) - before;
  const calls = counting ? await statementCalls(stats) : null;
  const requests = result.requests.total;
  return {
    requests,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    statementsPerRequest: calls === null ? null : Math.round((calls / Math.max(1, requests)) * 100) / 100,
    cpuMsPerRequest: Math.round(((cpu / TICKS_PER_SECOND) * 1000 * 100) / Math.max(1, requests)) / 100,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, requests)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function medianOf(runs: RunFigures[]): RunFigures {
  const keys = Object.keys(runs[0]) as (keyof RunFigures)[];
  return Object.fromEntries(
    keys.map((k) => [k, runs[0][k] === null ? null : median(runs.map((r) => r[k] as number))]),
  ) as unknown as RunFigures;
}

export interface QueryResult {
  rows: Counts;
  bytes: number;
  closed: RunFigures;
  closedRuns: RunFigures[];
  fixedRate: RunFigures & { rate: number };
}

async function measure(
  contender: Contender,
  ids: QueryId[],
  stats: pg.Client,
  duration: number,
  reference: Map<QueryId, Counts>,
): Promise<Record<string, QueryResult>> {
  const out: Record<string, QueryResult> = {};
  for (const id of ids) {
    const { rows, bytes } = await answer(contender, id);
    const expected = reference.get(id);
    if (expected && JSON.stringify(expected) !== JSON.stringify(rows)) {
      throw new Error(
        `${contender.name} ${id} answers ${JSON.stringify(rows)}, the floor ${JSON.stringify(expected)}`,
      );
    }
    if (!expected) reference.set(id, rows);
    await load(contender, id, stats, { duration: Math.min(5, duration) }); // warm-up
    const closedRuns: RunFigures[] = [];
    for (let i = 0; i < 3; i++) closedRuns.push(await load(contender, id, stats, { duration }));
    const fixed = await load(contender, id, stats, { duration, rate: FIXED_RATE[id] });
    out[id] = {
      rows,
      bytes,
      closed: medianOf(closedRuns),
      closedRuns,
      fixedRate: { rate: FIXED_RATE[id], ...fixed },
    };
    console.warn(
      `${contender.name} ${id}: ${out[id].closed.requestsPerSecond} req/s, p50 ${out[id].closed.p50} ms, p99 ${out[id].closed.p99} ms, ` +
        `${out[id].closed.statementsPerRequest} statements, ${out[id].closed.cpuMsPerRequest} ms CPU/request; ` +
        `at ${FIXED_RATE[id]}/s p99 ${fixed.p99} ms`,
    );
  }
  return out;
}

/** Q1 at its fixed rate on Yardstick, idle and then while the monthly work (scoring, two reports) runs in a loop. */
async function jobsMeanwhile(dbUrl: string, stats: pg.Client, duration: number) {
  const yardstick = await startYardstick(dbUrl);
  try {
    const regulator = yardstick.request('Q1').headers.authorization;
    const graphql = yardstick.request('Q1').url;
    const mutate = (query: string) =>
      fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: regulator },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<{ errors?: unknown }>);
    await load(yardstick, 'Q1', stats, { duration: 5 }); // warm-up
    const idle = await load(yardstick, 'Q1', stats, { duration, rate: FIXED_RATE.Q1 });
    let running = true;
    const done = { scorings: 0, reports: 0 };
    const jobs = (async () => {
      while (running) {
        const scored = await mutate(`mutation { runComplianceScoring(period: "2026-10") { id } }`);
        if (scored.errors) throw new Error(JSON.stringify(scored.errors));
        done.scorings++;
        for (const kind of ['NATIONAL_MONTHLY', 'BEIJING_SUBSIDY_MONTHLY']) {
          if (!running) break;
          const report = await mutate(
            `mutation { generateReport(kind: ${kind}, period: "2026-10", language: ZH_CN) { id pageCount } }`,
          );
          if (report.errors) throw new Error(JSON.stringify(report.errors));
          done.reports++;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 2000)); // let the first scoring start
    const during = await load(yardstick, 'Q1', stats, { duration, rate: FIXED_RATE.Q1 });
    running = false;
    await jobs;
    return {
      rate: FIXED_RATE.Q1,
      idle,
      duringJobs: during,
      jobsDone: done,
      p99Ratio: Math.round((during.p99 / Math.max(1, idle.p99)) * 100) / 100,
    };
  } finally {
    await stop(yardstick.process);
  }
}

async function main() {
  const label = option('label');
  const only = (option('only') ?? 'floor,postgraphile,yardstick').split(',') as ContenderName[];
  const ids = (option('queries') ?? 'Q0,Q1,Q2,Q3,Q4').split(',') as QueryId[];
  const duration = Number(option('duration') ?? 10);
  const db = await scaleDatabase();
  const stats = new pg.Client({ connectionString: db.url });
  try {
    const dataset = await loadDataset(db.url);
    if (dataset) record('national-dataset', { ...dataset });
    await stats.connect();
    const reference = new Map<QueryId, Counts>();
    const contenders: Record<string, { peakRssMiB: number; queries: Record<string, QueryResult> }> = {};
    // The floor first: its answers are the reference rows.
    for (const name of ['floor', 'postgraphile', 'yardstick'] as ContenderName[]) {
      if (!only.includes(name) && !(name === 'floor' && reference.size === 0)) continue;
      const contender =
        name === 'floor'
          ? await startFloor(db.url)
          : name === 'postgraphile'
            ? await startPostgraphile(db.url)
            : await startYardstick(db.url);
      try {
        if (!only.includes(name)) {
          for (const id of ids) reference.set(id, (await answer(contender, id)).rows);
          continue;
        }
        const queries = await measure(contender, ids, stats, duration, reference);
        contenders[name] = { peakRssMiB: peakRssMiB(contender.process.pid!), queries };
      } finally {
        await stop(contender.process);
      }
    }
    const jobs = process.argv.includes('--no-jobs') ? null : await jobsMeanwhile(db.url, stats, duration);
    const name = label ? `national-${label}` : 'national';
    const result = {
      database: db.dedicated
        ? 'dedicated embedded PostgreSQL (npm binaries) with pg_stat_statements'
        : 'DATABASE_URL',
      connections: CONNECTIONS,
      durationSeconds: duration,
      runs: 3,
      fixedRates: FIXED_RATE,
      queries: QUERIES.filter((q) => ids.includes(q.id)),
      contenders,
      jobsMeanwhile: jobs,
    };
    record(name, result);
    writeReport(name, result);
  } finally {
    await stats.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
