import { buildAuthConfig, decodeJwtPayload, grantedScopesFrom, returnPathFromState } from './auth.service';
import { parseRuntimeConfig } from './runtime-config';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (payload: object) => `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`;

describe('auth configuration', () => {
  const cfg = parseRuntimeConfig({
    issuer: 'http://localhost:3334',
    clientId: 'timesheets-spa',
    apiUrl: 'http://localhost:3333/api/',
    audience: 'http://localhost:3333/api',
    flow: 'code',
    scope: 'openid read:timesheets',
  });

  it('uses code + PKCE by default and sends the audience both ways', () => {
    const a = buildAuthConfig(cfg, 'http://localhost:4200');
    expect(a.responseType).toBe('code');
    expect(a.redirectUri).toBe('http://localhost:4200/');
    expect(a.postLogoutRedirectUri).toBe('http://localhost:4200/');
    expect(a.useSilentRefresh).toBe(false);
    expect(a.customQueryParams).toEqual({ resource: cfg.audience, audience: cfg.audience });
  });

  it('switches to implicit when configured', () => {
    expect(buildAuthConfig({ ...cfg, flow: 'implicit' }, 'http://x').responseType).toBe('id_token token');
  });

  it('normalises and validates config.json', () => {
    expect(cfg.apiUrl).toBe('http://localhost:3333/api');
    expect(() => parseRuntimeConfig({ ...cfg, apiUrl: 'nope' })).toThrow(/apiUrl/);
    expect(() => parseRuntimeConfig({ ...cfg, flow: 'hybrid' })).toThrow(/flow/);
    expect(() => parseRuntimeConfig(null)).toThrow();
  });

  it("reads granted scopes from the access token's claims first, else the token response", () => {
    expect(grantedScopesFrom(['read:timesheets', 'approve:timesheets'], jwt({ scope: 'read:timesheets' }))).toEqual([
      'read:timesheets',
    ]);
    expect(
      grantedScopesFrom(null, jwt({ scope: 'openid read:timesheets', permissions: ['approve:timesheets'] })),
    ).toEqual(['openid', 'read:timesheets', 'approve:timesheets']);
    expect(grantedScopesFrom(['read:timesheets'], 'opaque')).toEqual(['read:timesheets']);
    expect(grantedScopesFrom(['read:timesheets+create:timesheets'], null)).toEqual([
      'read:timesheets',
      'create:timesheets',
    ]);
    expect(grantedScopesFrom(null, 'opaque')).toEqual([]);
    expect(decodeJwtPayload(null)).toBeNull();
  });

  it('brings back only in-app paths from state', () => {
    expect(returnPathFromState('%252Fprofile')).toBe('/profile');
    expect(returnPathFromState('/timesheets?week=1')).toBe('/timesheets?week=1');
    expect(returnPathFromState('%2F%2Fevil.example')).toBe('');
    expect(returnPathFromState('https://evil.example/')).toBe('');
    expect(returnPathFromState(undefined)).toBe('');
  });
});
