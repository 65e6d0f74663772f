import { ConfigError } from '@timesheets/server-config';
import { DEV_COOKIE_KEY, loadIdpConfig } from './idp-config';

const KEY = 'a-policy-key-of-24-chars';

describe('loadIdpConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadIdpConfig({ AUTHZ_POLICY_KEY: KEY });
    expect(c).toMatchObject({
      port: 3334,
      issuer: 'http://localhost:3334',
      databaseUrl: 'sqlite:data/idp.sqlite',
      apiAudience: 'http://localhost:3333/api',
      policyUrl: 'http://localhost:3333/api/authz/policy',
      policyTimeoutMs: 3000,
      accessTokenTtl: 600,
      passwordCheckConcurrency: 2,
      cookieKeys: [DEV_COOKIE_KEY],
      thirdPartyClients: [],
      production: false,
      spa: {
        clientId: 'timesheets-spa',
        redirectUris: ['http://localhost:4200/'],
        postLogoutRedirectUris: ['http://localhost:4200/'],
        implicitFlow: false,
      },
    });
    expect(c.demoPassword).toBeUndefined();
    expect(c.metricsKey).toBeUndefined();
  });

  it('reads METRICS_KEY (metrics off while unset) and refuses one shorter than 16 characters', () => {
    expect(loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, METRICS_KEY: 'm'.repeat(16) }).metricsKey).toBe('m'.repeat(16));
    expect(() => loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, METRICS_KEY: 'short' })).toThrow(
      'METRICS_KEY must be at least 16 characters',
    );
  });

  it('requires the policy key and, in production, cookie keys; names each variable', () => {
    expect(() => loadIdpConfig({ NODE_ENV: 'production', AUTHZ_POLICY_KEY: 'short' })).toThrow(ConfigError);
    try {
      loadIdpConfig({ NODE_ENV: 'production', AUTHZ_POLICY_KEY: 'short', ACCESS_TOKEN_TTL: '3600', PORT: 'x' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('AUTHZ_POLICY_KEY must be at least 16 characters');
      expect(msg).toContain('COOKIE_KEYS is required in production');
      expect(msg).toContain('ACCESS_TOKEN_TTL must be an integer between 300 and 600');
      expect(msg).toContain('PORT must be an integer');
    }
    expect(() => loadIdpConfig({})).toThrow(/AUTHZ_POLICY_KEY is required/);
  });

  it('refuses DEMO_PASSWORD in production, naming the variable, and accepts it elsewhere', () => {
    const production = { AUTHZ_POLICY_KEY: KEY, NODE_ENV: 'production', COOKIE_KEYS: 'k'.repeat(32) };
    expect(() => loadIdpConfig({ ...production, DEMO_PASSWORD: 'demo-password' })).toThrow(
      /DEMO_PASSWORD must not be set in production/,
    );
    expect(loadIdpConfig(production).demoPassword).toBeUndefined();
    expect(loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, DEMO_PASSWORD: 'demo-password' }).demoPassword).toBe('demo-password');
  });

  it('reads lists, booleans and third-party clients', () => {
    const c = loadIdpConfig({
      AUTHZ_POLICY_KEY: KEY,
      NODE_ENV: 'production',
      COOKIE_KEYS: `${'k'.repeat(32)},${'j'.repeat(32)}`,
      SPA_REDIRECT_URIS: 'http://localhost:4200/, http://127.0.0.1:4200/',
      SPA_IMPLICIT_FLOW: 'true',
      ACCESS_TOKEN_TTL: '300',
      THIRD_PARTY_CLIENTS: JSON.stringify([
        { client_id: 'reports', redirect_uris: ['https://reports.test/cb'], client_secret: 's'.repeat(32) },
        { client_id: 'cli', redirect_uris: ['http://127.0.0.1:9999/cb'] },
      ]),
    });
    expect(c.cookieKeys).toHaveLength(2);
    expect(c.spa.redirectUris).toEqual(['http://localhost:4200/', 'http://127.0.0.1:4200/']);
    expect(c.spa.implicitFlow).toBe(true);
    expect(c.accessTokenTtl).toBe(300);
    expect(c.thirdPartyClients.map((t) => t.token_endpoint_auth_method)).toEqual(['client_secret_basic', 'none']);
  });

  it('allows implicit over http only for localhost redirect URIs', () => {
    expect(() =>
      loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, SPA_IMPLICIT_FLOW: 'true', SPA_REDIRECT_URIS: 'http://spa.example/' }),
    ).toThrow(/SPA_IMPLICIT_FLOW over http is only allowed for localhost/);
    expect(() =>
      loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, SPA_IMPLICIT_FLOW: 'true', SPA_REDIRECT_URIS: 'https://spa.example/' }),
    ).not.toThrow();
  });

  it('rejects bad third-party clients, issuers and database URLs', () => {
    const bad = (env: Record<string, string>) => () => loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, ...env });
    expect(bad({ THIRD_PARTY_CLIENTS: '{' })).toThrow(/THIRD_PARTY_CLIENTS must be a JSON array/);
    expect(
      bad({ THIRD_PARTY_CLIENTS: '[{"client_id":"timesheets-spa","redirect_uris":["https://x.test/"]}]' }),
    ).toThrow(/client_id must be/);
    expect(bad({ THIRD_PARTY_CLIENTS: '[{"client_id":"x","redirect_uris":["ftp://x"]}]' })).toThrow(/redirect_uris/);
    expect(bad({ ISSUER: 'http://localhost:3334/' })).toThrow(/ISSUER must not end with/);
    expect(bad({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be/);
    expect(bad({ COOKIE_KEYS: 'short' })).toThrow(/COOKIE_KEYS entries must be at least 32/);
    expect(bad({ DEMO_PASSWORD: 'short' })).toThrow(/DEMO_PASSWORD must be at least 8/);
    expect(bad({ LOGIN_CONCURRENCY: '0' })).toThrow(/LOGIN_CONCURRENCY must be an integer between 1 and 16/);
  });

  it('reads TRUST_PROXY like the API, refusing true and requiring it behind an https issuer', () => {
    expect(loadIdpConfig({ AUTHZ_POLICY_KEY: KEY }).trustProxy.trust).toBe(false);
    expect(loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, TRUST_PROXY: '10.0.0.0/8' }).trustProxy.description).toBe(
      '10.0.0.0/8',
    );
    expect(loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, TRUST_PROXY: '1' }).trustProxy.description).toBe('1 hop');
    expect(() => loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY=true would trust every hop/,
    );
    expect(() => loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, ISSUER: 'https://id.exampleco.test' })).toThrow(
      /TRUST_PROXY is required with an https ISSUER/,
    );
    expect(
      loadIdpConfig({ AUTHZ_POLICY_KEY: KEY, ISSUER: 'https://id.exampleco.test', TRUST_PROXY: 'uniquelocal' })
        .trustProxy.description,
    ).toBe('uniquelocal');
  });
});
