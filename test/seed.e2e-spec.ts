import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.js';
import { seed } from '../src/database/prepare.js';
import { prepareTestDatabase } from './helpers.js';

const TABLES = [
  'adoption_report',
  'company_affiliation',
  'subsidy_application',
  'subsidy_program',
  'subsidy_rule_version',
  'region',
  'hospital',
  'indicator',
  'policy',
  'target',
  'target_version',
  'operationalisation',
  'company',
  'app_user',
  'compliance_snapshot',
];

describe('seeds', () => {
  const ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!));
  beforeAll(async () => {
    await prepareTestDatabase();
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => {
          // adoption_report is append-only and large: its size and last id prove that nothing was written.
          const [{ digest }] = await ds.query(
            table === 'adoption_report'
              ? `SELECT count(*) || ':' || max(id) AS digest FROM adoption_report`
              : `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`,
          );
          return [table, digest];
        }),
      ),
    );

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const report = await seed(ds, { demo: true });
    expect(report).toEqual(Object.fromEntries(TABLES.map((table) => [table, 0])));
    expect(await snapshot()).toEqual(before);
  });

  it('puts back a seeded row someone changed, and leaves a decided operationalisation alone', async () => {
    await ds.query(`UPDATE hospital SET name_en = 'Renamed' WHERE id = 'SYN-110000-0001'`);
    const [{ id }] = await ds.query(`SELECT target_version_id AS id FROM operationalisation LIMIT 1`);
    await ds.query(
      `UPDATE operationalisation SET status = 'APPROVED', decided_by = 'test', decided_at = now(), rationale = 'agreed'
        WHERE target_version_id = $1`,
      [id],
    );
    try {
      const report = await seed(ds, { demo: true });
      expect(report.hospital).toBe(1);
      expect(report.operationalisation).toBe(0);
      const [hospital] = await ds.query(`SELECT name_en FROM hospital WHERE id = 'SYN-110000-0001'`);
      expect(hospital.name_en).not.toBe('Renamed');
      const [decision] = await ds.query(
        `SELECT status, rationale FROM operationalisation WHERE target_version_id = $1`,
        [id],
      );
      expect(decision).toEqual({ status: 'APPROVED', rationale: 'agreed' });
    } finally {
      await ds.query(
        `UPDATE operationalisation SET status = 'PROPOSAL', decided_by = NULL, decided_at = NULL, rationale = 'reset'
          WHERE target_version_id = $1`,
        [id],
      );
      await seed(ds, { demo: true });
    }
  });

  it('stores demo passwords only as slow salted hashes', async () => {
    const rows = await ds.query(`SELECT password_hash FROM app_user`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const { password_hash } of rows) {
      expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(password_hash).not.toContain('yardstick-demo');
    }
    expect(new Set(rows.map((r: { password_hash: string }) => r.password_hash)).size).toBe(rows.length);
  });
});
