import { InvalidTokenError, principalFromClaims, type ClaimRules } from './jwt.strategy';

const now = () => Math.floor(Date.now() / 1000);
const rules: ClaimRules = { clockToleranceSeconds: 30, subjectClaim: 'sub' };

describe('principalFromClaims', () => {
  it('reads scopes from the scope string and the permissions array', () => {
    const p = principalFromClaims(
      {
        iss: 'i',
        sub: 's',
        exp: now() + 60,
        scope: 'openid read:timesheets',
        permissions: ['approve:timesheets', 7, ''],
      },
      rules,
    );
    expect([...p.tokenScopes].sort()).toEqual(['approve:timesheets', 'openid', 'read:timesheets']);
    expect(p.subject).toBe('s');
  });

  it('takes client_id, else azp (Auth0)', () => {
    expect(principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, azp: 'spa' }, rules).clientId).toBe('spa');
    expect(
      principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, client_id: 'c', azp: 'spa' }, rules).clientId,
    ).toBe('c');
  });

  it.each([
    ['no exp', { iss: 'i', sub: 's' }],
    ['no sub', { iss: 'i', exp: now() + 60 }],
    ['empty sub', { iss: 'i', sub: '', exp: now() + 60 }],
    ['iat in the future', { iss: 'i', sub: 's', exp: now() + 600, iat: now() + 300 }],
    ['permissions not an array', { iss: 'i', sub: 's', exp: now() + 60, permissions: 'approve:timesheets' }],
    ['a sub with NUL', { iss: 'i', sub: 'a\u0000b', exp: now() + 60 }],
    ['a sub with a lone surrogate', { iss: 'i', sub: 'a\ud800', exp: now() + 60 }],
  ])('refuses %s', (_, claims) => {
    expect(() => principalFromClaims(claims, rules)).toThrow(InvalidTokenError);
  });

  it('does not split scopes on commas or accept a scope array', () => {
    const p = principalFromClaims(
      { iss: 'i', sub: 's', exp: now() + 60, scope: ['approve:timesheets'] as unknown as string },
      rules,
    );
    expect(p.tokenScopes.size).toBe(0);
    const q = principalFromClaims(
      { iss: 'i', sub: 's', exp: now() + 60, scope: 'read:timesheets,approve:timesheets' },
      rules,
    );
    expect([...q.tokenScopes]).toEqual(['read:timesheets,approve:timesheets']);
  });

  it('leaves out profile claims that cannot be stored as they are', () => {
    const p = principalFromClaims(
      {
        iss: 'i',
        sub: 's',
        exp: now() + 60,
        name: 'n\u0000',
        email: 'e\udc00@x.test',
        client_id: 'c\u0000',
        azp: 'spa',
      },
      rules,
    );
    expect(p).toMatchObject({ name: null, email: null, clientId: 'spa' });
  });

  it('takes cid (Okta) when there is neither client_id nor azp', () => {
    expect(principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, cid: '0oa1' }, rules).clientId).toBe('0oa1');
  });

  it('reads Entra scp strings and Okta scp arrays', () => {
    const entra = principalFromClaims(
      { iss: 'i', sub: 's', exp: now() + 60, scp: 'read:timesheets approve:timesheets' },
      rules,
    );
    expect([...entra.tokenScopes].sort()).toEqual(['approve:timesheets', 'read:timesheets']);
    const okta = principalFromClaims(
      { iss: 'i', sub: 's', exp: now() + 60, scp: ['openid', 'read:timesheets'] },
      rules,
    );
    expect([...okta.tokenScopes].sort()).toEqual(['openid', 'read:timesheets']);
  });

  it.each([
    ['scp as a number', { scp: 7 }],
    ['scp null', { scp: null }],
  ])('refuses %s', (_, claims) => {
    expect(() => principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, ...claims }, rules)).toThrow(
      InvalidTokenError,
    );
  });

  describe('subject claim', () => {
    const entra = { iss: 'i', sub: 'pairwise-per-app', oid: '690222be-ff1a-4d56-abd1-7e4f7d38e474', exp: now() + 60 };
    const okta = { iss: 'i', sub: 'jane.doe@example.com', uid: '00ujmkLgagxeRrAg20g3', exp: now() + 60 };

    it('is sub by default', () => {
      expect(principalFromClaims(entra, rules).subject).toBe('pairwise-per-app');
    });

    it('is oid (Entra) or uid (Okta) when configured', () => {
      expect(principalFromClaims(entra, { ...rules, subjectClaim: 'oid' }).subject).toBe(entra.oid);
      expect(principalFromClaims(okta, { ...rules, subjectClaim: 'uid' }).subject).toBe(okta.uid);
    });

    it.each([
      ['missing', { iss: 'i', sub: 's', exp: now() + 60 }],
      ['empty', { iss: 'i', sub: 's', oid: '', exp: now() + 60 }],
      ['not a string', { iss: 'i', sub: 's', oid: 12, exp: now() + 60 }],
      ['too long', { iss: 'i', sub: 's', oid: 'x'.repeat(256), exp: now() + 60 }],
      ['not storable', { iss: 'i', sub: 's', oid: 'a\u0000', exp: now() + 60 }],
    ])('refuses a token whose configured subject claim is %s, whatever its sub', (_, claims) => {
      expect(() => principalFromClaims(claims, { ...rules, subjectClaim: 'oid' })).toThrow(InvalidTokenError);
    });
  });

  describe('role permissions (Entra app roles)', () => {
    const withRoles: ClaimRules = {
      ...rules,
      rolePermissions: { 'Timesheets.Employee': ['read:timesheets', 'create:timesheets'] },
    };
    const scp = 'read:timesheets create:timesheets approve:timesheets';

    it('narrows the token scopes to the permissions of its roles', () => {
      const p = principalFromClaims(
        { iss: 'i', sub: 's', exp: now() + 60, scp, roles: ['Timesheets.Employee'] },
        withRoles,
      );
      expect([...p.tokenScopes].sort()).toEqual(['create:timesheets', 'read:timesheets']);
      expect(p.scopes).toBe(p.tokenScopes);
    });

    it('grants nothing without a mapped role', () => {
      expect(principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, scp }, withRoles).tokenScopes.size).toBe(0);
    });

    it('refuses a roles claim that is not an array', () => {
      expect(() =>
        principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, scp, roles: 'Timesheets.Employee' }, withRoles),
      ).toThrow(InvalidTokenError);
    });
  });
});
