import type { RunningApp } from '../src/bootstrap.js';
import { countStatements, errorCodes, gql, login, startTestApp } from './helpers.js';

/**
 * Hostile queries against the real endpoint: each is refused with its own code, quickly, and before any SQL runs.
 * The limits are the defaults of SECURITY.md (only the budget is lowered, to spend it in a test).
 */
describe('request limits (real HTTP)', () => {
  let app: RunningApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_POINTS: '400', RATE_LIMIT_WINDOW_SECONDS: '60' });
    token = await login(app, 'regulator@yardstick.test');
  });
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body,
    });

  /** Sends `query`, expects `code`, no SQL and an answer within a second. */
  async function refused(query: string, code: string, variables: Record<string, unknown> = {}) {
    let result: Awaited<ReturnType<typeof gql>> | undefined;
    const started = performance.now();
    const statements = await countStatements(app, async () => {
      result = await gql(app, query, variables, token);
    });
    const ms = performance.now() - started;
    expect(errorCodes(result!)).toEqual([code]);
    expect(result!.data ?? null).toBeNull();
    expect(statements).toBe(0);
    expect(ms).toBeLessThan(1000);
    return result!;
  }

  it('refuses deep nesting', async () => {
    const nested = (depth: number): string =>
      depth === 0 ? 'code' : `code children { ${nested(depth - 1)} }`;
    const result = await refused(`{ regions { ${nested(12)} } }`, 'QUERY_TOO_DEEP');
    expect(result.errors![0].message).toMatch(/depth limit of 10/);
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: me { email }`).join(' ');
    await refused(`{ ${aliases} }`, 'TOO_MANY_ALIASES');
  });

  it('refuses a fragment bomb without expanding it', async () => {
    // Each fragment spreads the next twice: executed naively this is 2^30 fields.
    const fragments = Array.from(
      { length: 30 },
      (_, i) =>
        `fragment F${i} on Region { code ${i < 29 ? `children { ...F${i + 1} } parent { ...F${i + 1} }` : ''} }`,
    ).join('\n');
    await refused(`{ regions { ...F0 } }\n${fragments}`, 'QUERY_TOO_DEEP');
  });

  it('refuses a query with too many tokens', async () => {
    const fields = Array.from({ length: 2500 }, () => 'code').join(' ');
    await refused(`{ regions { ${fields} } }`, 'TOO_MANY_TOKENS');
  });

  it('refuses huge first and queries over the node budget, with the counted nodes', async () => {
    await refused(`{ hospitals(first: 1000000) { totalCount } }`, 'TOO_MANY_NODES');
    const over = await gql(app, `{ hospitals(first: 101) { totalCount } }`, {}, token);
    expect(errorCodes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors![0].extensions.field).toBe('first');

    // 100 hospitals x 31 years of months x every indicator: 100 + 100 x 372 x 10 nodes.
    const wide = `query ($first: Int!) { hospitals(first: $first) { edges { node {
      adoption(from: "2000-01", to: "2030-12") { value } } } } }`;
    const result = await refused(wide, 'TOO_MANY_NODES', { first: 100 });
    expect(result.errors![0].extensions).toMatchObject({ nodes: 372_100, maxNodes: 50_000 });
    // An empty list of codes asks for every indicator, and is counted so.
    const empty = `{ hospitals(first: 100) { edges { node {
      adoption(from: "2000-01", to: "2030-12", indicatorCodes: []) { value } } } } }`;
    await refused(empty, 'TOO_MANY_NODES');
  });

  it('refuses batched operations and answers one operation per request', async () => {
    const response = await post(
      JSON.stringify([{ query: '{ me { email } }' }, { query: '{ me { email } }' }]),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it('refuses a body over the limit with 413 and a code', async () => {
    const response = await post(
      JSON.stringify({ query: `{ me { email } }`, variables: { x: 'x'.repeat(3 << 20) } }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a simple form POST (CSRF prevention)', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20me%20%7B%20email%20%7D%20%7D',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|content-type/i);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('spends the budget by cost, reports what is left, and refuses with 429 once it is spent', async () => {
    const other = await login(app, 'admin@yardstick.test');
    const query = `{ hospitals(first: 100) { edges { node { id } } } }`; // 100 nodes: 2 points
    const first = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${other}` },
      body: JSON.stringify({ query }),
    });
    const body = (await first.json()) as { extensions: { rateLimit: unknown } };
    expect(body.extensions.rateLimit).toMatchObject({ limit: 400, cost: 2, remaining: 398 });
    expect(first.headers.get('x-ratelimit-remaining')).toBe('398');

    let last: Response | undefined;
    for (let i = 0; i < 200; i++) {
      last = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${other}` },
        body: JSON.stringify({ query }),
      });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const refusedBody = (await last!.json()) as { errors: { extensions: { code: string } }[] };
    expect(refusedBody.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'RATE_LIMITED',
    ]);
    // Another user's budget is untouched.
    const mine = await gql(app, `{ me { email } }`, {}, token);
    expect(mine.errors).toBeUndefined();
  });

  it('throttles failed sign-ins per account and address, before checking the password', async () => {
    const attempt = (password: string) =>
      gql(
        app,
        `mutation ($p: String!) { login(email: "company-c@yardstick.test", password: $p) { token } }`,
        {
          p: password,
        },
      );
    for (let i = 0; i < 5; i++)
      expect(errorCodes(await attempt('wrong-password'))).toEqual(['UNAUTHENTICATED']);
    const blocked = await attempt('yardstick-demo');
    expect(errorCodes(blocked)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(blocked.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    // Other accounts still sign in.
    expect(await login(app, 'company-d@yardstick.test')).toEqual(expect.any(String));
  });

  it('charges sign-in attempts before checking them, so twenty at once still get only five tries', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        gql(
          app,
          `mutation { login(email: "hospital@yardstick.test", password: "wrong-password") { token } }`,
        ),
      ),
    );
    const codes = results.flatMap(errorCodes);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
  });

  it('charges a lower-case "bearer" to the signed-in user, as the guard reads it', async () => {
    const other = await login(app, 'company-a@yardstick.test');
    const ask = () =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `bearer ${other}` },
        body: JSON.stringify({ query: '{ me { email } }' }),
      });
    const first = Number((await ask()).headers.get('x-ratelimit-remaining'));
    const second = Number((await ask()).headers.get('x-ratelimit-remaining'));
    expect(first).toBe(399);
    expect(second).toBe(398);
  });
});
