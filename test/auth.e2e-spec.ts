import type { RunningApp } from '../src/bootstrap.js';
import { errorCodes, gql, login, startTestApp } from './helpers.js';

describe('sign-in and access (real HTTP, real PostgreSQL)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it.each([
    ['regulator@yardstick.test', 'REGULATOR'],
    ['admin@yardstick.test', 'ADMIN'],
    ['hospital@yardstick.test', 'HOSPITAL'],
    ['company-a@yardstick.test', 'COMPANY'],
    ['company-b@yardstick.test', 'COMPANY'],
  ])('%s signs in and is %s', async (email, role) => {
    const token = await login(app, email);
    const me = await gql(
      app,
      `{ me { email role hospital { id synthetic } company { id uscc } } }`,
      {},
      token,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ email, role });
    expect(me.data.me.hospital !== null).toBe(role === 'HOSPITAL');
    expect(me.data.me.company !== null).toBe(role === 'COMPANY');
  });

  it('gives the two demo companies different companies', async () => {
    const [a, b] = await Promise.all(
      ['company-a@yardstick.test', 'company-b@yardstick.test'].map(async (email) => {
        const me = await gql(app, `{ me { company { id } } }`, {}, await login(app, email));
        return me.data.me.company.id;
      }),
    );
    expect(a).not.toEqual(b);
  });

  it('refuses a wrong password and an unknown email the same way', async () => {
    const query = `mutation ($e: String!) { login(email: $e, password: "not-the-password") { token } }`;
    for (const email of ['regulator@yardstick.test', 'nobody@yardstick.test']) {
      const result = await gql(app, query, { e: email });
      expect(result.data).toBeNull();
      expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.errors![0].message).toBe('Wrong email or password');
    }
  });

  it('names the field at fault for a malformed email', async () => {
    const result = await gql(app, `mutation { login(email: "not-an-email", password: "x") { token } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions.field).toBe('email');
  });

  it.each([
    '{ me { email } }',
    '{ regions { code } }',
    '{ hospitals(first: 1) { totalCount } }',
    '{ policies { code } }',
  ])('refuses %s without a token', async (query) => {
    const result = await gql(app, query);
    expect(result.data ?? null).toBeNull();
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a forged and a malformed token', async () => {
    const token = await login(app, 'regulator@yardstick.test');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(errorCodes(await gql(app, '{ me { email } }', {}, forged))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await gql(app, '{ me { email } }', {}, 'not.a.jwt'))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired token', async () => {
    const shortLived = await startTestApp({ TOKEN_TTL_SECONDS: '60' });
    try {
      const token = await login(shortLived, 'regulator@yardstick.test');
      const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(payload.exp - payload.iat).toBe(60);
    } finally {
      await shortLived.close();
    }
  });

  it('answers /health without a token', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves /metrics to an ADMIN or the metrics token only', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const regulator = await login(app, 'regulator@yardstick.test');
    expect(
      (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${regulator}` } })).status,
    ).toBe(403);
    const admin = await login(app, 'admin@yardstick.test');
    const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('yardstick_http_requests_total');
    expect(text).toContain('yardstick_db_pool_connections');
    expect(text).toMatch(/yardstick_http_request_duration_seconds_bucket\{[^}]*route="\/graphql"/);
  });

  it('serves the GraphQL IDE page without a token, with every asset from this server', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      expect((await fetch(`${app.url}${source}`)).status).toBe(200);
    }
  });

  it('masks internal errors and hides stack traces', async () => {
    const result = await gql(app, '{ nope }');
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|at .*\.js/);
  });
});
