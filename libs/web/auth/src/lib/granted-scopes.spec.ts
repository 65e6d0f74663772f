import { decodeJwtPayload, grantedScopesFrom } from './granted-scopes';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (payload: object) => `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`;

/** What the navigation and buttons follow, for each provider's access token and token response. */
describe('granted scopes', () => {
  it("reads the access token's claims first, else the token response", () => {
    expect(grantedScopesFrom(['read:timesheets', 'approve:timesheets'], jwt({ scope: 'read:timesheets' }))).toEqual([
      'read:timesheets',
    ]);
    expect(grantedScopesFrom(['read:timesheets'], 'opaque')).toEqual(['read:timesheets']);
    expect(grantedScopesFrom(['read:timesheets+create:timesheets'], null)).toEqual([
      'read:timesheets',
      'create:timesheets',
    ]);
    expect(grantedScopesFrom(null, 'opaque')).toEqual([]);
    expect(decodeJwtPayload(null)).toBeNull();
    expect(decodeJwtPayload(jwt([1]))).toBeNull();
  });

  it('embedded provider and Keycloak: the scope string', () => {
    expect(grantedScopesFrom(null, jwt({ scope: 'openid read:timesheets approve:timesheets' }))).toEqual([
      'openid',
      'read:timesheets',
      'approve:timesheets',
    ]);
  });

  it('Auth0: the scope string and the permissions array', () => {
    expect(
      grantedScopesFrom(null, jwt({ scope: 'openid read:timesheets', permissions: ['approve:timesheets'] })),
    ).toEqual(['openid', 'read:timesheets', 'approve:timesheets']);
  });

  describe('Entra ID', () => {
    const prefix = 'api://3c9e6f1a-2b4d-4e8f-9a0b-1c2d3e4f5a6b/';
    const cfg = {
      scopePrefix: prefix,
      rolePermissions: { 'Timesheets.Employee': ['read:timesheets', 'create:timesheets'] },
    };
    const scp = 'read:timesheets create:timesheets approve:timesheets';

    it("the token's scp (names without the prefix) ∩ the permissions of its app roles, as the API grants", () => {
      expect(grantedScopesFrom(null, jwt({ scp, roles: ['Timesheets.Employee'] }), cfg)).toEqual([
        'read:timesheets',
        'create:timesheets',
      ]);
      expect(grantedScopesFrom(null, jwt({ scp }), cfg)).toEqual([]);
    });

    it('the token response names the scopes with the prefix: taken off (an opaque token)', () => {
      expect(grantedScopesFrom([`${prefix}read:timesheets`, `${prefix}approve:timesheets`], 'opaque', cfg)).toEqual([
        'read:timesheets',
        'approve:timesheets',
      ]);
    });

    it('nothing for a token the API would refuse', () => {
      expect(grantedScopesFrom(['read:timesheets'], jwt({ scp, roles: 'Timesheets.Employee' }), cfg)).toEqual([]);
    });
  });

  it('Okta: the scp array ∩ the permissions of its groups claim', () => {
    const cfg = { rolePermissions: { 'Timesheets.Manager': ['read:timesheets', 'approve:timesheets'] } };
    const token = jwt({ scp: ['openid', 'read:timesheets', 'approve:timesheets'], roles: ['Timesheets.Manager'] });
    expect(grantedScopesFrom(null, token, cfg)).toEqual(['read:timesheets', 'approve:timesheets']);
    expect(grantedScopesFrom(null, jwt({ scp: ['openid', 'read:timesheets'] }))).toEqual(['openid', 'read:timesheets']);
    expect(grantedScopesFrom(null, jwt({ scp: 7 }))).toEqual([]);
  });
});
