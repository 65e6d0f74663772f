import { EnvReader } from '@timesheets/server-config';
import { readSpaRuntimeConfig } from './spa-runtime-config';

/** `/config.json` for each provider, from the variables docs/external-providers.md gives. */
const read = (env: Record<string, string>, production = true) => {
  const r = new EnvReader({ WEB_API_URL: 'https://timesheets.exampleco.com/api', ...env });
  const config = readSpaRuntimeConfig(r, production);
  r.done();
  return config;
};
const problems = (env: Record<string, string>): string => {
  try {
    read(env);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

const TENANT = 'b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ENTRA_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const OKTA_ISSUER = 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7';
const ROLES =
  '{"Timesheets.Employee": ["read:timesheets"], "Timesheets.Manager": ["read:timesheets", "approve:timesheets"]}';
const ENTRA = {
  WEB_ISSUER: ENTRA_ISSUER,
  WEB_CLIENT_ID: '8d7c6b5a-4e3f-4a1b-9c0d-e1f2a3b4c5d6',
  WEB_SEND_AUDIENCE: 'false',
  WEB_SCOPE_PREFIX: 'api://3c9e6f1a-2b4d-4e8f-9a0b-1c2d3e4f5a6b/',
  WEB_ROLE_PERMISSIONS: ROLES,
  WEB_STRICT_DISCOVERY_VALIDATION: 'false',
};

describe('SPA runtime configuration per provider', () => {
  it('Auth0 and Keycloak: the audience (default the API URL), strict discovery', () => {
    expect(read({ WEB_ISSUER: 'https://exampleco.eu.auth0.com/' })).toMatchObject({
      issuer: 'https://exampleco.eu.auth0.com/',
      audience: 'https://timesheets.exampleco.com/api',
      strictDiscoveryValidation: true,
    });
    const keycloak = read({ WEB_ISSUER: 'https://sso.exampleco.com/realms/exampleco', WEB_AUDIENCE: 'timesheets-api' });
    expect(keycloak.audience).toBe('timesheets-api');
    expect(keycloak).not.toHaveProperty('scopePrefix');
    expect(keycloak).not.toHaveProperty('rolePermissions');
  });

  it('Microsoft Entra ID: no audience, the scope prefix, the role permissions, discovery relaxed', () => {
    const c = read(ENTRA);
    expect(c).not.toHaveProperty('audience');
    expect(c).toMatchObject({
      issuer: ENTRA_ISSUER,
      clientId: ENTRA.WEB_CLIENT_ID,
      scopePrefix: ENTRA.WEB_SCOPE_PREFIX,
      rolePermissions: JSON.parse(ROLES),
      strictDiscoveryValidation: false,
    });
  });

  it('Okta: no audience parameter, the role permissions, strict discovery', () => {
    const c = read({ WEB_ISSUER: OKTA_ISSUER, WEB_SEND_AUDIENCE: 'false', WEB_ROLE_PERMISSIONS: ROLES });
    expect(c).not.toHaveProperty('audience');
    expect(c).toMatchObject({
      issuer: OKTA_ISSUER,
      rolePermissions: JSON.parse(ROLES),
      strictDiscoveryValidation: true,
    });
  });

  it.each([
    [{ WEB_SEND_AUDIENCE: 'true' }, 'WEB_SEND_AUDIENCE must be false with Microsoft Entra ID'],
    [{ WEB_SCOPE_PREFIX: '' }, 'WEB_SCOPE_PREFIX is required with Microsoft Entra ID'],
    [{ WEB_STRICT_DISCOVERY_VALIDATION: '' }, 'WEB_STRICT_DISCOVERY_VALIDATION must be false with Microsoft Entra ID'],
    [{ WEB_ISSUER: 'https://login.microsoftonline.com/organizations/v2.0' }, 'WEB_ISSUER must name the Entra tenant'],
  ])('refuses Entra ID with %j, naming the variable', (change, message) => {
    expect(problems({ ...ENTRA, ...change })).toContain(message);
  });

  it('refuses the Okta org authorization server', () => {
    expect(problems({ WEB_ISSUER: 'https://exampleco.okta.com' })).toContain(
      'WEB_ISSUER must be an Okta custom authorization server',
    );
  });

  it.each([
    [
      { WEB_SEND_AUDIENCE: 'false', WEB_AUDIENCE: 'api://timesheets' },
      'WEB_AUDIENCE is set but WEB_SEND_AUDIENCE=false',
    ],
    [{ WEB_SEND_AUDIENCE: 'maybe' }, 'WEB_SEND_AUDIENCE must be true or false'],
    [{ WEB_SCOPE_PREFIX: 'api://x' }, 'WEB_SCOPE_PREFIX must end with "/"'],
    [{ WEB_ROLE_PERMISSIONS: 'Manager=approve:timesheets' }, 'WEB_ROLE_PERMISSIONS must be a JSON object'],
    [{ WEB_ROLE_PERMISSIONS: '{"M": ["approve:everything"]}' }, 'WEB_ROLE_PERMISSIONS'],
    [{ WEB_STRICT_DISCOVERY_VALIDATION: 'no!' }, 'WEB_STRICT_DISCOVERY_VALIDATION must be true or false'],
  ])('stops on %j, naming the variable', (env, message) => {
    expect(problems({ WEB_ISSUER: 'https://id.exampleco.test', ...env })).toContain(message);
  });

  it('reports every problem at once', () => {
    const message = problems({ ...ENTRA, WEB_SEND_AUDIENCE: 'true', WEB_STRICT_DISCOVERY_VALIDATION: 'true' });
    expect(message).toContain('WEB_SEND_AUDIENCE');
    expect(message).toContain('WEB_STRICT_DISCOVERY_VALIDATION');
  });
});
