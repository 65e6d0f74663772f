import { clientMetadata, isFirstParty, redirectOrigins } from './create-oidc-provider';
import { loadIdpConfig } from './idp-config';

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
