import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { gql, login } from './helpers.js';

/** The quick start's path: no DATABASE_URL, so the server runs its own PostgreSQL in a data directory. */
describe('embedded database (quick start)', () => {
  const root = mkdtempSync(join(tmpdir(), 'yardstick-quickstart-'));
  chmodSync(root, 0o755);
  const env = {
    ...process.env,
    DATABASE_URL: '',
    EMBEDDED_PG_DIR: join(root, 'pgdata'),
    NODE_ENV: 'test' as const,
    PORT: '0',
    LOG_LEVEL: 'silent',
    WRITE_SCHEMA_FILE: 'false',
    // The scheduler's first catch-up (reports of recent months) is tested in jobs.e2e-spec.ts.
    JOBS_ENABLED: 'false',
  };

  it('starts, migrates and seeds on first start; keeps the data across a restart; reports 503 without its database', async () => {
    const first = await startApp(loadConfig(env), () => undefined);
    try {
      expect(first.database.embedded?.fresh).toBe(true);
      expect(first.database.seeded).toMatchObject({
        hospital: 12_294,
        region: 32,
        app_user: 7,
        subsidy_application: 40,
      });
      const token = await login(first, 'admin@yardstick.test');
      const result = await gql(first, '{ hospitals(first: 1) { totalCount } }', {}, token);
      expect(result.data.hospitals.totalCount).toBe(12_294);
    } finally {
      await first.close();
    }

    const second = await startApp(loadConfig(env), () => undefined);
    try {
      expect(second.database.embedded?.fresh).toBe(false);
      expect(second.database.seeded).toBeNull();
      expect(second.database.migrationsApplied).toEqual([]);
      const token = await login(second, 'regulator@yardstick.test');
      expect((await gql(second, '{ regions { code } }', {}, token)).data.regions).toHaveLength(32);

      expect((await fetch(`${second.url}/health`)).status).toBe(200);
      await second.database.embedded!.stop();
      const health = await fetch(`${second.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ database: 'down' });
    } finally {
      await second.app.close();
    }
  });
});
