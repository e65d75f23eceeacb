import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReference } from '../seeds/run-seeds.js';
import { PROGRAMS } from '../seeds/subsidy-programs.js';
import { hashPassword } from '../src/auth/password.js';
import type { RunningApp } from '../src/bootstrap.js';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { usccCheckCharacter } from '../src/subsidies/uscc.js';
import { errorCodes, gql, login, ownerDataSource, startTestApp } from './helpers.js';

const PROVIDER_USCC = '91110105MA01Y7TT0' + usccCheckCharacter('91110105MA01Y7TT0');
const COMPANY_USCC = '91110108MA01Y7AA0' + usccCheckCharacter('91110108MA01Y7AA0');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL stopped and started again under a write load, on a server of the test's own (the shared one stays
 * up). Writers behave as a careful client does: an answer with data is an acknowledged write; anything else is
 * retried with the same idempotency key until it is acknowledged. Afterwards every acknowledged write is there,
 * once, and the server answered again without being restarted itself.
 */
describe('crash safety: PostgreSQL restarted mid-load', () => {
  let root: string;
  let port: number;
  let database: EmbeddedDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'yardstick-restart-'));
    chmodSync(root, 0o755);
    port = await freePort();
    database = await startEmbeddedPostgres({ dataDir: join(root, 'pgdata'), port, log: () => undefined });
    app = await startTestApp({ DATABASE_URL: database.url, DB_POOL_SIZE: '6' });
    const owner = await ownerDataSource(app);
    await owner.transaction(async (m) => {
      await seedReference(m);
      const [company] = await m.query(
        `INSERT INTO company (uscc, name_zh, name_en, region_code, synthetic)
         VALUES ($1, '重启测试公司', 'Restart Test Co.', '110000', true) RETURNING id`,
        [COMPANY_USCC],
      );
      await m.query(
        `INSERT INTO app_user (email, role, display_name, company_id, password_hash)
         VALUES ('restart@yardstick.test', 'COMPANY', 'Restart tester', $1, $2)`,
        [company.id, await hashPassword('restart-password')],
      );
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, once, and recovers without a restart of its own', async () => {
    const token = await login(app, 'restart@yardstick.test', 'restart-password');
    const mutation = `mutation ($input: CreateSubsidyApplicationInput!) { createSubsidyApplication(input: $input) { id } }`;
    const acknowledged = new Map<string, string>(); // idempotency key -> application id
    const refusals = new Map<string, number>();
    let restarted = false;

    const write = async (key: string) => {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error(`${key} was never acknowledged`);
        const result = await gql(
          app,
          mutation,
          {
            input: {
              programCode: PROGRAMS[0].code,
              modelName: `restart ${key}`,
              modelCategory: 'MEDICAL_IMAGING',
              competitivenessEvidence: 'Restart test',
              contracts: [
                {
                  providerName: 'Test Compute Provider',
                  providerUscc: PROVIDER_USCC,
                  contractNumber: `R-${key}`,
                  costType: 'COMPUTE_RENTAL',
                  startDate: '2026-02-01',
                  endDate: '2026-03-01',
                  amount: '1000.00',
                },
              ],
              idempotencyKey: key,
            },
          },
          token,
        ).catch(() => ({ errors: [{ message: 'no answer', extensions: { code: 'NO_ANSWER' } }] }));
        const id = (result as { data?: { createSubsidyApplication?: { id: string } } }).data
          ?.createSubsidyApplication?.id;
        if (id) {
          acknowledged.set(key, id);
          return;
        }
        for (const code of errorCodes(result as never)) refusals.set(code, (refusals.get(code) ?? 0) + 1);
        await sleep(100);
      }
    };

    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; !restarted || i < 40; i++) await write(`restart-${w}-${i}-key`);
    });
    await sleep(1500);
    const before = acknowledged.size;
    await database.stop();
    await sleep(1500);
    database = await startEmbeddedPostgres({ dataDir: join(root, 'pgdata'), port, log: () => undefined });
    restarted = true;
    await Promise.all(writers);

    expect(before).toBeGreaterThan(0);
    // While the database was away the server said so with a code, never an internal error.
    expect(refusals.get('SERVICE_UNAVAILABLE') ?? 0).toBeGreaterThan(0);
    expect(refusals.has('INTERNAL_SERVER_ERROR')).toBe(false);

    const owner = await ownerDataSource(app);
    const stored: { id: string; model_name: string }[] = await owner.query(
      `SELECT id, model_name FROM subsidy_application WHERE model_name LIKE 'restart %'`,
    );
    expect(stored).toHaveLength(acknowledged.size);
    const byKey = new Map(stored.map((r) => [r.model_name.slice('restart '.length), r.id]));
    for (const [key, id] of acknowledged) expect(byKey.get(key)).toBe(id);
    const [{ n }] = await owner.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'CREATED' AND entity_id = ANY($1)`,
      [[...acknowledged.values()]],
    );
    expect(n).toBe(acknowledged.size);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  }, 180_000);
});
