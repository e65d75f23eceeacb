import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths, lastClosedPeriod } from '../src/common/periods.js';
import { freePort } from '../src/database/embedded-postgres.js';
import { usccCheckCharacter } from '../src/subsidies/uscc.js';
import { record, waitHealthy } from './support.js';

/**
 * The soak (Hardening issue): the server in production mode, in its own process, under a mixed load from this one
 * for SOAK_SECONDS (600 by default): regulators reading, companies filing, a hospital reporting, and meanwhile a CSV
 * import, a scoring run and a report render every minute. Checked: no internal error, no request without an
 * answer, every acknowledged filing stored once, and the server's resident memory flat after the warm-up
 * (growth under 10 %). Figures to bench/results/soak.json.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const WARM_UP_SECONDS = Math.min(120, Math.floor(SECONDS / 5));
const WORKERS = 8;
const PASSWORD = 'yardstick-demo';
const PROVIDER = '91110105MA01Y7TT0' + usccCheckCharacter('91110105MA01Y7TT0');

interface Tally {
  requests: number;
  answered: number;
  noAnswer: number;
  internal: number;
  codes: Record<string, number>;
  latencies: number[];
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function main() {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'yardstick-soak-'));
  chmodSync(root, 0o755);
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'soak-secret-soak-secret-soak-secret-0123456',
      EMBEDDED_PG_DIR: join(root, 'pgdata'),
      JOBS_ENABLED: 'false', // the soak triggers scoring and reports itself, every minute
      RATE_LIMIT_POINTS: '1000000000',
      LOGIN_MAX_FAILURES: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const tally: Tally = { requests: 0, answered: 0, noAnswer: 0, internal: 0, codes: {}, latencies: [] };
  const acknowledged = new Set<string>();
  try {
    await waitHealthy(url, 5);

    const call = async (
      token: string | null,
      query: string,
      variables: Record<string, unknown> = {},
    ): Promise<Record<string, unknown> | null> => {
      tally.requests++;
      const started = performance.now();
      try {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as {
          data?: Record<string, unknown>;
          errors?: { extensions?: { code?: string } }[];
        };
        tally.answered++;
        tally.latencies.push(performance.now() - started);
        for (const error of body.errors ?? []) {
          const code = error.extensions?.code ?? 'NO_CODE';
          tally.codes[code] = (tally.codes[code] ?? 0) + 1;
          if (code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE') tally.internal++;
        }
        return body.data ?? null;
      } catch {
        tally.noAnswer++;
        return null;
      }
    };
    const login = async (email: string) => {
      const data = await call(
        null,
        `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        { e: email, p: PASSWORD },
      );
      return (data?.login as { token: string }).token;
    };
    const regulator = await login('regulator@yardstick.test');
    const hospital = await login('hospital@yardstick.test');
    const companies = await Promise.all(
      ['a', 'b', 'c', 'd'].map((c) => login(`company-${c}@yardstick.test`)),
    );
    const period = lastClosedPeriod(new Date(), 30);
    const open = addMonths(period, 1);
    const me = (await call(hospital, `{ me { hospital { id } } }`)) as { me: { hospital: { id: string } } };
    const hospitalId = me.me.hospital.id;

    const reads = [
      `{ hospitals(first: 50, filter: { regionCode: "440000" }) { totalCount edges { node { id nameZh
          adoption(from: "${addMonths(period, -11)}", to: "${period}", indicatorCodes: ["IMAGING_AI", "CDS_AI"]) { value } } } } }`,
      `{ compliance(period: "${period}") { summary { status count } targets { status measuredValue byRegion { status } } } }`,
      `{ targets(first: 20) { edges { node { code threshold deadline } } } }`,
      `{ subsidyApplications(first: 20) { totalCount edges { node { id state requestedAmount } } } }`,
      `{ reportingCompleteness(period: "${period}") { regionCode completeness } }`,
    ];
    const actions: (() => Promise<void>)[] = [
      ...reads.map((query) => async () => void (await call(regulator, query))),
      ...reads.map((query) => async () => void (await call(regulator, query))),
      async () => {
        // A company files a draft with an idempotency key, retrying once on no answer, as a careful client does.
        const token = companies[Math.floor(Math.random() * companies.length)];
        const key = `soak-${randomUUID()}`;
        const input = {
          programCode: 'BJ-2025-MEDICAL-AI-COMPUTE',
          modelName: `Soak model ${key}`,
          modelCategory: 'MEDICAL_IMAGING',
          competitivenessEvidence: 'Soak test',
          contracts: [
            {
              providerName: 'Soak Compute Provider',
              providerUscc: PROVIDER,
              contractNumber: key.slice(0, 60),
              costType: 'COMPUTE_RENTAL',
              startDate: '2026-02-01',
              endDate: '2026-03-01',
              amount: '1000.00',
            },
          ],
          idempotencyKey: key,
        };
        const mutation = `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { id } }`;
        for (let attempt = 0; attempt < 3; attempt++) {
          const data = await call(token, mutation, { input });
          const id = (data?.createSubsidyApplication as { id: string } | undefined)?.id;
          if (id) {
            acknowledged.add(id);
            return;
          }
        }
      },
      async () => {
        await call(
          hospital,
          `mutation ($input: SubmitAdoptionReportsInput!) { submitAdoptionReports(input: $input) { applied } }`,
          {
            input: {
              reports: [
                { hospitalId, indicatorCode: 'IMAGING_AI', period: open, value: String(tally.requests % 2) },
              ],
            },
          },
        );
      },
    ];

    const samples: { at: number; rssMiB: number }[] = [];
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    const sampler = setInterval(() => {
      samples.push({ at: Math.round((Date.now() - started) / 1000), rssMiB: rssMiB(server.pid!) });
    }, 5000);
    const meanwhile = (async () => {
      // Every minute: an import, a scoring run and a report render, while the workers go on.
      let minute = 0;
      while (Date.now() < deadline) {
        const csv = ['hospital_id,region_code,indicator_code,period,value,numerator,denominator']
          .concat(
            Array.from(
              { length: 2000 },
              (_, i) =>
                `SYN-440000-${String((i % 400) + 1).padStart(4, '0')},,CDS_AI,${open},${(minute + i) % 2},,`,
            ),
          )
          .join('\n');
        tally.requests++;
        await fetch(`${url}/imports/adoption`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${regulator}` },
          body: csv,
        }).then(
          async (r) => {
            tally.answered++;
            if (r.status >= 500) tally.internal++;
            await r.arrayBuffer();
          },
          () => void tally.noAnswer++,
        );
        await call(regulator, `mutation { runComplianceScoring(period: "${period}") { id } }`);
        await call(
          regulator,
          `mutation { generateReport(kind: NATIONAL_MONTHLY, period: "${period}", language: ${minute % 2 ? 'EN' : 'ZH_CN'}) { id pageCount } }`,
        );
        minute++;
        const wait = started + minute * 60_000 - Date.now();
        if (wait > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - Date.now())));
      }
    })();
    await Promise.all([
      ...Array.from({ length: WORKERS }, async () => {
        while (Date.now() < deadline) await actions[Math.floor(Math.random() * actions.length)]();
      }),
      meanwhile,
    ]);
    clearInterval(sampler);

    const owner = (await call(regulator, `{ subsidyApplications(first: 1) { totalCount } }`)) as {
      subsidyApplications: { totalCount: number };
    };
    const stored = await Promise.all(
      [...acknowledged].slice(0, 200).map(async (id) => {
        const data = await call(regulator, `{ subsidyApplication(id: "${id}") { id } }`);
        return Boolean(data?.subsidyApplication);
      }),
    );
    const afterWarmUp = samples.filter((s) => s.at > WARM_UP_SECONDS && s.at <= WARM_UP_SECONDS + 60);
    const lastMinute = samples.filter((s) => s.at > SECONDS - 60);
    const growth = mean(lastMinute.map((s) => s.rssMiB)) / mean(afterWarmUp.map((s) => s.rssMiB)) - 1;
    const figures = {
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      workers: WORKERS,
      requests: tally.requests,
      answered: tally.answered,
      requestsWithoutAnswer: tally.noAnswer,
      internalErrors: tally.internal,
      errorCodes: tally.codes,
      latencyMs: {
        p50: Math.round(percentile(tally.latencies, 50)),
        p99: Math.round(percentile(tally.latencies, 99)),
        max: Math.round(percentile(tally.latencies, 100)),
      },
      filingsAcknowledged: acknowledged.size,
      filingsCheckedStored: `${stored.filter(Boolean).length} of ${stored.length}`,
      applicationsInDatabase: owner.subsidyApplications.totalCount,
      rssMiB: {
        afterWarmUpMean: Math.round(mean(afterWarmUp.map((s) => s.rssMiB))),
        lastMinuteMean: Math.round(mean(lastMinute.map((s) => s.rssMiB))),
        peak: Math.max(...samples.map((s) => s.rssMiB)),
        growthPercent: Math.round(growth * 1000) / 10,
      },
      samples,
      verdict: {
        noInternalErrors: tally.internal === 0,
        noLostRequests: tally.noAnswer === 0 && tally.answered === tally.requests,
        filingsStored: stored.every(Boolean),
        memoryFlat: growth < 0.1,
      },
    };
    record('soak', figures);
    if (!Object.values(figures.verdict).every(Boolean)) process.exitCode = 1;
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
