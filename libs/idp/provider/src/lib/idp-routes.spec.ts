import { idpRouteOf } from './idp-routes';

describe('idpRouteOf', () => {
  it("names oidc-provider's endpoints, the interaction pages, health and metrics by their pattern", () => {
    expect(idpRouteOf('/.well-known/openid-configuration')).toBe('/.well-known/openid-configuration');
    expect(idpRouteOf('/auth?client_id=x&state=y')).toBe('/auth');
    expect(idpRouteOf('/auth/Zq3uid')).toBe('/auth/:uid');
    expect(idpRouteOf('/token')).toBe('/token');
    expect(idpRouteOf('/token/revocation')).toBe('/token/revocation');
    expect(idpRouteOf('/interaction/abc123')).toBe('/interaction/:uid');
    expect(idpRouteOf('/interaction/abc123/login')).toBe('/interaction/:uid/login');
    expect(idpRouteOf('/session/end/confirm')).toBe('/session/end/confirm');
    expect(idpRouteOf('/health?x')).toBe('/health');
    expect(idpRouteOf('/metrics')).toBe('/metrics');
  });

  it('puts everything else under one label, whatever clients send', () => {
    for (const url of [
      '/',
      '/x',
      '/auth/a/b',
      '/interaction/a/other',
      '/token/',
      '//token',
      '/%2e%2e/token',
      '/jwks.json',
    ])
      expect(idpRouteOf(url)).toBe('unmatched');
  });
});
