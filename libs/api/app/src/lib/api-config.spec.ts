import { ConfigError } from '@timesheets/server-config';
import { jwsAlgorithm } from '@timesheets/server-core';
import { ACCEPTED_ALGORITHMS, loadApiConfig } from './api-config';

describe('loadApiConfig', () => {
  it('has local defaults outside production', () => {
    const c = loadApiConfig({});
    expect(c).toMatchObject({ port: 3333, databaseUrl: 'sqlite:data/api.sqlite', trustTokenScopes: false });
    expect(c.auth).toMatchObject({
      issuer: 'http://localhost:3334',
      audience: 'http://localhost:3333/api',
      algorithms: ['RS256', 'ES256'],
      tokenTypes: ['at+jwt'],
    });
  });

  it('accepts in AUTH_ALGORITHMS only algorithms of the JWS table the token prefilter verifies with', () => {
    expect(ACCEPTED_ALGORITHMS.filter((alg) => jwsAlgorithm(alg) === undefined)).toEqual([]);
    expect(loadApiConfig({ AUTH_ALGORITHMS: ACCEPTED_ALGORITHMS.join(',') }).auth.algorithms).toEqual(
      ACCEPTED_ALGORITHMS,
    );
    for (const refused of ['HS256', 'none', 'EdDSA'])
      expect(() => loadApiConfig({ AUTH_ALGORITHMS: `RS256,${refused}` })).toThrow(`got "${refused}"`);
  });

  it('reads the accepted token types as media types: case-insensitive, application/ implied', () => {
    expect(loadApiConfig({ AUTH_TOKEN_TYPES: 'JWT, application/AT+JWT,at+jwt' }).auth.tokenTypes).toEqual([
      'jwt',
      'at+jwt',
    ]);
  });

  it('requires the issuer and audience in production', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_ISSUER is required[\s\S]*AUTH_AUDIENCE is required/,
    );
  });

  describe('AUTHZ_DEMO_USERS', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://id.example',
      AUTH_AUDIENCE: 'https://api.example',
    };

    it('is refused in production, naming the variable', () => {
      expect(() => loadApiConfig({ ...production, AUTHZ_DEMO_USERS: 'true' })).toThrow(ConfigError);
      expect(() => loadApiConfig({ ...production, AUTHZ_DEMO_USERS: 'true' })).toThrow(
        /AUTHZ_DEMO_USERS must not be true with NODE_ENV=production/,
      );
    });

    it('may be false in production and true elsewhere', () => {
      expect(loadApiConfig({ ...production, AUTHZ_DEMO_USERS: 'false' }).demoUsers).toBe(false);
      expect(loadApiConfig(production).demoUsers).toBe(false);
      expect(loadApiConfig({ AUTHZ_DEMO_USERS: 'true' }).demoUsers).toBe(true);
    });
  });

  it.each([
    [{ AUTH_ALGORITHMS: 'HS256' }, 'AUTH_ALGORITHMS'],
    [{ AUTH_ALGORITHMS: 'none' }, 'AUTH_ALGORITHMS'],
    [{ AUTH_CLOCK_TOLERANCE: '120' }, 'AUTH_CLOCK_TOLERANCE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ AUTH_JWKS_URI: 'file:///etc/passwd' }, 'AUTH_JWKS_URI'],
    [{ AUTHZ_POLICY_KEY: 'short' }, 'AUTHZ_POLICY_KEY'],
    [{ PORT: '70000' }, 'PORT'],
    [{ CORS_ORIGINS: 'not a url' }, 'CORS_ORIGINS'],
    [{ AUTH_TOKEN_TYPES: 'at jwt' }, 'AUTH_TOKEN_TYPES'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY=true would trust every hop'],
    [{ TRUST_PROXY: '0.0.0.0/0' }, 'TRUST_PROXY'],
    [{ AUTH_TOKEN_TYPES: ' , ' }, 'AUTH_TOKEN_TYPES'],
  ])('names the bad variable in %j', (env, name) => {
    expect(() => loadApiConfig(env)).toThrow(ConfigError);
    expect(() => loadApiConfig(env)).toThrow(name);
  });
});
