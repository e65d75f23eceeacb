import type { RunningApp } from '../src/bootstrap.js';
import { countStatements, dataSourceOf, errorCodes, gql, login, startTestApp } from './helpers.js';

const PAGE = `query ($first: Int!, $after: String, $filter: HospitalFilter) {
  hospitals(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id nameZh nameEn tier type synthetic region { code nameEn parent { code } } } }
  }
}`;

describe('regions and hospitals', () => {
  let app: RunningApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    token = await login(app, 'regulator@yardstick.test');
  });
  afterAll(() => app.close());

  const sql = (query: string, params: unknown[] = []) => dataSourceOf(app).query(query, params);

  it('lists the nation and the 31 province-level divisions with GB/T 2260 codes and both names', async () => {
    const result = await gql(
      app,
      '{ regions { code level nameZh nameEn parent { code } children { code } } }',
      {},
      token,
    );
    const regions = result.data.regions;
    expect(regions).toHaveLength(32);
    const nation = regions.find((r: { level: string }) => r.level === 'NATION');
    expect(nation).toMatchObject({ code: '100000', parent: null });
    expect(nation.children).toHaveLength(31);
    expect(regions.find((r: { code: string }) => r.code === '110000')).toMatchObject({
      nameZh: '北京市',
      nameEn: 'Beijing',
      parent: { code: '100000' },
    });
    for (const region of regions) expect(region.code).toMatch(/^\d{6}$/);
  });

  it('answers region(code) and NOT_FOUND for an unknown code', async () => {
    expect((await gql(app, '{ region(code: "440000") { nameEn } }', {}, token)).data.region.nameEn).toBe(
      'Guangdong',
    );
    expect(errorCodes(await gql(app, '{ region(code: "999999") { nameEn } }', {}, token))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('walks every hospital page by page: 12,294 distinct, in order, no gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: any = await gql(app, PAGE, { first: 100, after }, token); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(result.errors).toBeUndefined();
      const connection = result.data.hospitals;
      expect(connection.totalCount).toBe(12_294);
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(123);
    expect(new Set(seen).size).toBe(12_294);
    expect(seen).toEqual([...seen].sort());
    const [{ count }] = await sql('SELECT count(*)::int AS count FROM hospital');
    expect(seen).toHaveLength(count);
  });

  it('spreads the synthetic registry over the provinces roughly by population', async () => {
    const rows = await sql(`SELECT r.code, r.population_thousands AS pop, count(h.id)::int AS n
                              FROM region r JOIN hospital h ON h.region_code = r.code GROUP BY r.code`);
    expect(rows).toHaveLength(31);
    const totalPop = rows.reduce((s: number, r: { pop: number }) => s + r.pop, 0);
    for (const r of rows) expect(Math.abs(r.n - (r.pop / totalPop) * 12_294)).toBeLessThanOrEqual(1);
    const flags = await sql('SELECT DISTINCT synthetic FROM hospital');
    expect(flags).toEqual([{ synthetic: true }]);
  });

  it.each([
    [{ regionCode: '110000' }, `region_code = '110000'`],
    [{ regionCode: '100000' }, 'true'],
    [{ tier: 'TERTIARY' }, `tier = 'TERTIARY'`],
    [{ type: 'CANCER' }, `type = 'CANCER'`],
    [{ name: '北京' }, `name_zh LIKE '%北京%'`],
    [{ name: 'guangdong binjiang' }, `lower(name_en) LIKE '%guangdong binjiang%'`],
    [
      { regionCode: '310000', tier: 'SECONDARY', type: 'TCM' },
      `region_code = '310000' AND tier = 'SECONDARY' AND type = 'TCM'`,
    ],
  ])('filters by %j', async (filter, where) => {
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM hospital WHERE ${where}`);
    expect(count).toBeGreaterThan(0);
    const result = await gql(app, PAGE, { first: 100, filter }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.hospitals.totalCount).toBe(count);
    for (const { node } of result.data.hospitals.edges) {
      if ('regionCode' in filter && filter.regionCode !== '100000')
        expect(node.region.code).toBe(filter.regionCode);
      if ('tier' in filter) expect(node.tier).toBe(filter.tier);
      if ('type' in filter) expect(node.type).toBe(filter.type);
      if ('name' in filter) expect(`${node.nameZh} ${node.nameEn}`.toLowerCase()).toContain(filter.name);
    }
  });

  it('treats % and _ in a name filter as text, not wildcards', async () => {
    const result = await gql(app, PAGE, { first: 5, filter: { name: '%' } }, token);
    expect(result.data.hospitals.totalCount).toBe(0);
  });

  it.each([0, -1, 101, 1000])('refuses first: %i with BAD_USER_INPUT on the field', async (first) => {
    const result = await gql(app, PAGE, { first }, token);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions.field).toBe('first');
  });

  it('refuses a cursor it did not make, and an unknown or malformed region', async () => {
    const bad = await gql(app, PAGE, { first: 5, after: 'bm90IGEgY3Vyc29y' }, token);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const unknown = await gql(app, PAGE, { first: 5, filter: { regionCode: '990000' } }, token);
    expect(unknown.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.regionCode',
    });
    const malformed = await gql(app, PAGE, { first: 5, filter: { regionCode: 'Beijing' } }, token);
    expect(malformed.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.regionCode',
    });
  });

  it('answers hospital(id), marked synthetic, and NOT_FOUND for an unknown id', async () => {
    const found = await gql(
      app,
      '{ hospital(id: "SYN-110000-0001") { id synthetic region { code } } }',
      {},
      token,
    );
    expect(found.data.hospital).toEqual({
      id: 'SYN-110000-0001',
      synthetic: true,
      region: { code: '110000' },
    });
    const missing = await gql(app, '{ hospital(id: "nope") { id } }', {}, token);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });

  it('costs the same number of SQL statements for a page of 5 and a page of 100', async () => {
    const count = (first: number) =>
      countStatements(app, async () => {
        const result = await gql(app, PAGE, { first }, token);
        expect(result.data.hospitals.edges).toHaveLength(first);
      });
    await count(5); // warm the pool: a new connection runs set-up statements of its own
    const small = await count(5);
    const large = await count(100);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it('answers pages of one filter asked as aliases in one statement, the same pages as asked one by one', async () => {
    const page = (after: string | null) =>
      `hospitals(first: 100, filter: { regionCode: "440000", tier: TERTIARY }${after ? `, after: "${after}"` : ''}) {
         totalCount pageInfo { hasNextPage endCursor } edges { node { id tier region { code } } } }`;
    const first = await gql(app, `{ ${page(null)} }`, {}, token);
    const cursor = first.data.hospitals.pageInfo.endCursor as string;
    const second = await gql(app, `{ ${page(cursor)} }`, {}, token);
    await gql(app, `{ a: ${page(null)} }`, {}, token); // warm the pool
    let both: Awaited<ReturnType<typeof gql>> | undefined;
    const statements = await countStatements(app, async () => {
      both = await gql(app, `{ a: ${page(null)} b: ${page(cursor)} }`, {}, token);
    });
    expect(both!.data).toEqual({ a: first.data.hospitals, b: second.data.hospitals });
    expect(statements).toBe(1);
    const unknown = await gql(
      app,
      `{ a: hospitals(filter: { regionCode: "999999" }) { totalCount } }`,
      {},
      token,
    );
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
  });
});
