import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for a newcomer', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, host: '127.0.0.1' });
    expect(config.database.url).toBeUndefined();
    expect(config.auth.jwtSecretGenerated).toBe(true);
    expect(config.graphql).toEqual({ playground: true, introspection: true, writeSchemaFile: true });
  });

  it('refuses to start in production without a signing secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(config.graphql).toEqual({ playground: false, introspection: false, writeSchemaFile: false });
  });

  it('reads TRUST_PROXY as Express means it: hops, true or false, or addresses', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}).trustProxy).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT must be an integer/],
    ['DB_POOL_SIZE', '0', /DB_POOL_SIZE/],
    ['GRAPHQL_IDE', 'maybe', /GRAPHQL_IDE must be true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['DATABASE_URL', 'mysql://x', /postgres/],
    ['DB_APP_ROLE', 'app; DROP TABLE x', /DB_APP_ROLE must be a lower-case role name/],
    ['RATE_LIMIT_POINTS', '0', /RATE_LIMIT_POINTS/],
    ['GRAPHQL_MAX_DEPTH', '1', /GRAPHQL_MAX_DEPTH/],
  ])('names the variable at fault: %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
