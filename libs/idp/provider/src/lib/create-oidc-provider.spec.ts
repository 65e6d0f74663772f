import { clientMetadata, isFirstParty, logoutNeedsConfirmation, redirectOrigins } from './create-oidc-provider';
import { loadIdpConfig } from './idp-config';
import type { OidcClient, OidcContext } from './oidc-types';

const base = { AUTHZ_POLICY_KEY: 'k'.repeat(16) };

describe('client configuration', () => {
  it('registers the SPA as a public code-flow client with exact URIs', () => {
    const [spa] = clientMetadata(loadIdpConfig(base));
    expect(spa).toEqual({
      client_id: 'timesheets-spa',
      client_name: 'Timesheets',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://localhost:4200/'],
      post_logout_redirect_uris: ['http://localhost:4200/'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    });
  });

  it('adds implicit only when switched on, and third-party clients as code-flow clients', () => {
    const config = loadIdpConfig({
      ...base,
      SPA_IMPLICIT_FLOW: 'true',
      THIRD_PARTY_CLIENTS: JSON.stringify([{ client_id: 'reports', redirect_uris: ['https://reports.test/cb'] }]),
    });
    const [spa, reports] = clientMetadata(config);
    expect(spa['response_types']).toEqual(['code', 'id_token token']);
    expect(spa['grant_types']).toContain('implicit');
    expect(reports).toMatchObject({
      client_id: 'reports',
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    });
    expect(isFirstParty(config, 'timesheets-spa')).toBe(true);
    expect(isFirstParty(config, 'reports')).toBe(false);
    expect(redirectOrigins(config)).toEqual(['http://localhost:4200', 'https://reports.test']);
  });
});

describe('logoutNeedsConfirmation', () => {
  const config = loadIdpConfig(base);
  const ctx = (clientId: string | undefined, hintSub: string | undefined, accountId: string | undefined) =>
    ({
      oidc: {
        route: 'end_session',
        client: clientId ? ({ clientId } as OidcClient) : undefined,
        session: { accountId },
        entities: hintSub === undefined ? {} : { IdTokenHint: { payload: { sub: hintSub, aud: clientId } } },
      },
    }) as unknown as OidcContext;

  it("skips the question only for the SPA's own ID token of the user signed in here", () => {
    expect(logoutNeedsConfirmation(config, ctx('timesheets-spa', 'u1', 'u1'))).toBe(false);
  });

  it.each([
    ['no id_token_hint (client_id only)', ctx('timesheets-spa', undefined, 'u1')],
    ['no client at all', ctx(undefined, undefined, 'u1')],
    ["another client's ID token", ctx('reports', 'u1', 'u1')],
    ["a previous user's ID token", ctx('timesheets-spa', 'u2', 'u1')],
    ['no one signed in', ctx('timesheets-spa', 'u1', undefined)],
  ])('asks with %s', (_what, c) => {
    expect(logoutNeedsConfirmation(config, c)).toBe(true);
  });
});
