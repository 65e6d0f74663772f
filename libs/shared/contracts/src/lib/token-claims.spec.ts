import {
  checkRolePermissions,
  checkScopePrefix,
  parseRolePermissions,
  prefixScopes,
  tokenScopesOf,
  unprefixScope,
  type RolePermissions,
} from './token-claims';

const granted = (claims: Record<string, unknown>, roles?: RolePermissions) => {
  const result = tokenScopesOf(claims, roles);
  return result.ok ? [...result.scopes].sort() : result.problem;
};

describe('tokenScopesOf', () => {
  it.each([
    ['scope string (RFC 9068, Keycloak)', { scope: 'openid read:timesheets' }, ['openid', 'read:timesheets']],
    ['scp string (Entra ID)', { scp: 'read:timesheets approve:timesheets' }, ['approve:timesheets', 'read:timesheets']],
    ['scp array (Okta)', { scp: ['openid', 'read:timesheets', 7, ''] }, ['openid', 'read:timesheets']],
    [
      'permissions array (Auth0)',
      { scope: 'openid', permissions: ['read:timesheets', 7] },
      ['openid', 'read:timesheets'],
    ],
    ['all at once, distinct', { scope: 'a b', scp: ['b', 'c'], permissions: ['c', 'd'] }, ['a', 'b', 'c', 'd']],
    ['nothing', {}, []],
    ['a scope array (not the RFC 9068 shape) is ignored', { scope: ['read:timesheets'] }, []],
    [
      'a comma is not a separator',
      { scp: 'read:timesheets,approve:timesheets' },
      ['read:timesheets,approve:timesheets'],
    ],
  ])('%s', (_, claims, expected) => {
    expect(granted(claims)).toEqual(expected);
  });

  it.each([
    ['scp as a number', { scp: 1 }, 'scp must be a string or an array'],
    ['scp as an object', { scp: { 'read:timesheets': true } }, 'scp must be a string or an array'],
    ['scp null', { scp: null }, 'scp must be a string or an array'],
    ['permissions as a string', { permissions: 'read:timesheets' }, 'permissions must be an array'],
  ])('refuses %s', (_, claims, problem) => {
    expect(granted(claims)).toBe(problem);
  });

  describe('with role permissions (Entra app roles)', () => {
    const roles: RolePermissions = {
      'Timesheets.Employee': ['read:timesheets', 'create:timesheets'],
      'Timesheets.Manager': ['read:timesheets', 'approve:timesheets'],
    };
    const scp = 'read:timesheets create:timesheets approve:timesheets read:audit';

    it('narrows the scopes to the permissions of the token roles', () => {
      expect(granted({ scp, roles: ['Timesheets.Employee'] }, roles)).toEqual(['create:timesheets', 'read:timesheets']);
      expect(granted({ scp, roles: ['Timesheets.Employee', 'Timesheets.Manager'] }, roles)).toEqual([
        'approve:timesheets',
        'create:timesheets',
        'read:timesheets',
      ]);
    });

    it('grants nothing a role permits but the token does not carry', () => {
      expect(granted({ scp: 'read:timesheets', roles: ['Timesheets.Manager'] }, roles)).toEqual(['read:timesheets']);
    });

    it.each([
      ['no roles claim', { scp }],
      ['an empty roles claim', { scp, roles: [] }],
      ['unmapped roles', { scp, roles: ['Timesheets.Admin', 'timesheets.employee'] }],
      ['roles named like Object members', { scp, roles: ['constructor', '__proto__', 'toString', 'hasOwnProperty'] }],
      ['an app-only token (roles, no scp)', { roles: ['Timesheets.Manager'] }],
    ])('grants nothing for %s', (_, claims) => {
      expect(granted(claims, roles)).toEqual([]);
    });

    it('refuses a roles claim that is not an array', () => {
      expect(granted({ scp, roles: 'Timesheets.Manager' }, roles)).toBe('roles must be an array');
    });

    it('ignores roles when no role permissions are configured', () => {
      expect(granted({ scp: 'read:timesheets', roles: 'anything' })).toEqual(['read:timesheets']);
    });
  });
});

describe('parseRolePermissions', () => {
  it('reads a JSON object of app roles and scopes', () => {
    expect(
      parseRolePermissions('{"Timesheets.Employee": ["read:timesheets", "read:timesheets"], "Admin": ["read:audit"]}'),
    ).toEqual({ value: { 'Timesheets.Employee': ['read:timesheets'], Admin: ['read:audit'] } });
  });

  it('keeps a role named __proto__ as a plain key', () => {
    const parsed = parseRolePermissions('{"__proto__": ["read:audit"]}');
    expect('value' in parsed && Object.hasOwn(parsed.value, '__proto__')).toBe(true);
    expect('value' in parsed && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it.each([
    ['not JSON', 'Manager=read:timesheets', 'must be a JSON object such as'],
    ['an array', '["read:timesheets"]', 'must be a JSON object mapping each app role'],
    ['null', 'null', 'must be a JSON object mapping each app role'],
    ['empty', '{}', 'must map at least one app role'],
    ['a role with spaces', '{"Time sheets": ["read:timesheets"]}', 'has an app role with spaces or no name'],
    ['a scope string instead of an array', '{"M": "read:timesheets"}', 'role "M" must map to an array of scope names'],
    ['a number among the scopes', '{"M": ["read:timesheets", 1]}', 'role "M" must map to an array of scope names'],
    [
      'an unknown scope',
      '{"M": ["read:timesheet", "approve:all"]}',
      'role "M" names unknown scopes: read:timesheet, approve:all',
    ],
  ])('refuses %s', (_, text, problem) => {
    const parsed = parseRolePermissions(text);
    expect('problems' in parsed && parsed.problems.join('\n')).toContain(problem);
  });
});

describe('checkRolePermissions', () => {
  it('checks config.json role permissions as parseRolePermissions does', () => {
    expect(checkRolePermissions({ Manager: ['approve:timesheets'] })).toEqual({
      value: { Manager: ['approve:timesheets'] },
    });
    expect(checkRolePermissions('Manager')).toEqual({
      problems: ['must be a JSON object mapping each app role to an array of scopes'],
    });
  });
});

describe('scope prefixes (Entra ID: api://<client id>/)', () => {
  const prefix = 'api://3c9e6f1a-2b4d-4e8f-9a0b-1c2d3e4f5a6b/';

  it.each([
    [prefix, prefix],
    ['https://exampleco.onmicrosoft.com/timesheets/', 'https://exampleco.onmicrosoft.com/timesheets/'],
    ['api://x', null],
    ['api://x y/', null],
    ['', null],
    ['/', null],
    [7, null],
  ])('checks %p', (value, expected) => {
    expect(checkScopePrefix(value)).toBe(expected);
  });

  it('prefixes the Timesheets scopes requested, nothing else', () => {
    expect(prefixScopes('openid profile offline_access read:timesheets  approve:timesheets User.Read', prefix)).toBe(
      `openid profile offline_access ${prefix}read:timesheets ${prefix}approve:timesheets User.Read`,
    );
    expect(prefixScopes('openid read:timesheets', undefined)).toBe('openid read:timesheets');
  });

  it('takes the prefix off granted scopes', () => {
    expect(unprefixScope(`${prefix}read:timesheets`, prefix)).toBe('read:timesheets');
    expect(unprefixScope('api://payroll/read:timesheets', prefix)).toBe('api://payroll/read:timesheets');
    expect(unprefixScope('read:timesheets', undefined)).toBe('read:timesheets');
  });
});
