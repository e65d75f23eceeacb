import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
 * Options: --label NAME, --only yardstick,postgraphile,floor, --queries Q0,Q1, --duration SECONDS, --no-jobs,
 * --base DIR (also run the Yardstick built in DIR, e.g. a worktree of an earlier commit, as `yardstick-base`).
 */
const ROOT = process.cwd();
const PG_DIR = join(ROOT, 'bench', 'postgraphile');
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** Fixed request rates (requests/s over all 10 connections), the same for every contender. */
export const FIXED_RATE: Record<QueryId, number> = { Q0: 100, Q1: 10, Q2: 1, Q3: 30, Q4: 100 };
const CONNECTIONS = 10;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type ContenderName = 'yardstick' | 'yardstick-base' | 'postgraphile' | 'floor';
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

/** Node flags of the Yardstick server, as `npm run start:prod` uses them. */
const YARDSTICK_NODE_FLAGS = ['--max-semi-space-size=64'];

async function startYardstick(
  dbUrl: string,
  env: Record<string, string> = {},
  cwd = ROOT,
  name: ContenderName = 'yardstick',
  flags = YARDSTICK_NODE_FLAGS,
): Promise<Contender> {
  const port = await freePort();
  const child = spawn(process.execPath, [...flags, 'dist/src/main.js'], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      JWT_SECRET,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      // The per-user request budget (hardening work on main) would refuse a benchmark's thousands of requests
      // from one account; the other contenders have none. Ignored by builds without it.
      RATE_LIMIT_POINTS: '1000000000',
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
    name,
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
  await drain(stats);
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
  // Requests still in flight when the run ends finish before the counters are read, and count: per request
  // figures divide by every request sent.
  await drain(stats);
  const cpu = cpuTicks(pid) - before;
  const calls = counting ? await statementCalls(stats) : null;
  const requests = result.requests.total;
  const sent = Math.max(requests, (result.requests as { sent?: number }).sent ?? requests);
  return {
    requests,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    statementsPerRequest: calls === null ? null : Math.round((calls / Math.max(1, sent)) * 100) / 100,
    cpuMsPerRequest: Math.round(((cpu / TICKS_PER_SECOND) * 1000 * 100) / Math.max(1, sent)) / 100,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, requests)),
  };
}

/** Waits until no other session of the database runs a statement (requests of the last run have finished). */
async function drain(stats: pg.Client): Promise<void> {
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 120_000; waited += 100) {
    const { rows } = await stats.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300)); // the server's own work after its last statement
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

/**
 * Every contender runs while the others sit idle, and the runs are interleaved (run 1 of each, then run 2 of each,
 * ...), so that whatever else the machine does at the time weighs on all of them alike.
 */
async function measure(
  contenders: Contender[],
  ids: QueryId[],
  stats: pg.Client,
  duration: number,
): Promise<Record<string, Record<string, QueryResult>>> {
  const out: Record<string, Record<string, QueryResult>> = Object.fromEntries(
    contenders.map((c) => [c.name, {}]),
  );
  for (const id of ids) {
    const answers = new Map<string, { rows: Counts; bytes: number }>();
    for (const c of contenders) answers.set(c.name, await answer(c, id));
    const reference = answers.get('floor')!.rows;
    for (const c of contenders) {
      const rows = answers.get(c.name)!.rows;
      if (JSON.stringify(rows) !== JSON.stringify(reference)) {
        throw new Error(
          `${c.name} ${id} answers ${JSON.stringify(rows)}, the floor ${JSON.stringify(reference)}`,
        );
      }
    }
    for (const c of contenders) await load(c, id, stats, { duration: Math.min(5, duration) }); // warm-up
    const runs = new Map<string, RunFigures[]>(contenders.map((c) => [c.name, []]));
    for (let i = 0; i < 3; i++) {
      for (const c of contenders) runs.get(c.name)!.push(await load(c, id, stats, { duration }));
    }
    for (const c of contenders) {
      const fixed = await load(c, id, stats, { duration, rate: FIXED_RATE[id] });
      const closedRuns = runs.get(c.name)!;
      const result: QueryResult = {
        rows: answers.get(c.name)!.rows,
        bytes: answers.get(c.name)!.bytes,
        closed: medianOf(closedRuns),
        closedRuns,
        fixedRate: { rate: FIXED_RATE[id], ...fixed },
      };
      out[c.name][id] = result;
      console.warn(
        `${c.name} ${id}: ${result.closed.requestsPerSecond} req/s, p50 ${result.closed.p50} ms, p99 ${result.closed.p99} ms, ` +
          `${result.closed.statementsPerRequest} statements, ${result.closed.cpuMsPerRequest} ms CPU/request; ` +
          `at ${FIXED_RATE[id]}/s p99 ${fixed.p99} ms (load average ${loadavg()[0].toFixed(1)})`,
      );
    }
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
    const contenders: Record<string, { peakRssMiB: number; queries: Record<string, QueryResult> }> = {};
    const running: Contender[] = [];
    const loadBefore = loadavg();
    try {
      // The floor always runs: its answers are the reference rows.
      running.push(await startFloor(db.url));
      if (only.includes('postgraphile')) running.push(await startPostgraphile(db.url));
      if (only.includes('yardstick')) running.push(await startYardstick(db.url));
      const base = option('base');
      if (base) running.push(await startYardstick(db.url, {}, resolve(base), 'yardstick-base', []));
      const measured = await measure(running, ids, stats, duration);
      for (const c of running) {
        if (c.name === 'floor' && !only.includes('floor')) continue;
        contenders[c.name] = { peakRssMiB: peakRssMiB(c.process.pid!), queries: measured[c.name] };
      }
    } finally {
      for (const c of running) await stop(c.process);
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
      loadAverage: { before: loadBefore, after: loadavg() },
      yardstickNodeFlags: YARDSTICK_NODE_FLAGS,
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
