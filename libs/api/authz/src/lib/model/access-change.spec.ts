import { ADMIN_SCOPES } from '@timesheets/contracts';
import {
  addedPermissions,
  adminCarriers,
  adminHolderCount,
  effectivePermissions,
  mayGrantAnything,
  ungrantable,
} from './access-change';
import { AuthzModel, type GroupRec, type PermissionRec, type RoleRec, type UserAssignments } from './authz-model';

const permission = (name: string): PermissionRec => ({ id: `p-${name}`, name, description: '' });
const role = (name: string, permissions: string[]): RoleRec => ({
  id: `r-${name}`,
  name,
  description: '',
  permissionIds: permissions.map((p) => `p-${p}`),
});
const group = (name: string, parentId: string | null, roleIds: string[]): GroupRec => ({
  id: name,
  name,
  description: '',
  parentId,
  roleIds,
});
const user = (id: string, u: Partial<UserAssignments> = {}): UserAssignments => ({
  id,
  blocked: false,
  roleIds: [],
  groupIds: [],
  ...u,
});

const PERMISSIONS = [...ADMIN_SCOPES, 'read:timesheets', 'approve:timesheets'].map(permission);
const ROLES = [
  role('admin', [...ADMIN_SCOPES]),
  role('employee', ['read:timesheets']),
  role('user-admin', ['read:users', 'update:users']),
];
const GROUPS = [group('ops', null, ['r-admin']), group('team', null, ['r-employee'])];

/** Everybody's permissions for these users under a configuration (the seed above unless given). */
const access = (users: UserAssignments[], roles = ROLES, groups = GROUPS, permissions = PERMISSIONS) =>
  effectivePermissions({ model: new AuthzModel(permissions, roles, groups), users });

describe('access changes', () => {
  const mallory = user('mallory', { roleIds: ['r-user-admin'], groupIds: ['team'] });
  const before = access([mallory, user('alice', { groupIds: ['team'] })]);

  describe('addedPermissions', () => {
    it('is empty when nothing moved', () => {
      expect(addedPermissions(before, before)).toEqual(new Set());
    });

    it('sees a role assigned directly', () => {
      const after = access([{ ...mallory, roleIds: ['r-user-admin', 'r-admin'] }]);
      expect([...addedPermissions(before, after)].sort()).toEqual(
        ADMIN_SCOPES.filter((s) => !['read:users', 'update:users'].includes(s)).sort(),
      );
    });

    it('sees a group nested under a group holding a role', () => {
      const nested = [group('ops', null, ['r-admin']), group('team', 'ops', ['r-employee'])];
      const after = access([mallory, user('alice', { groupIds: ['team'] })], ROLES, nested);
      expect(addedPermissions(before, after)).toContain('delete:roles');
    });

    it('sees a permission added to a role, and one renamed', () => {
      const widened = [ROLES[0], ROLES[1], role('user-admin', ['read:users', 'update:users', 'update:roles'])];
      expect([...addedPermissions(before, access([mallory], widened))]).toEqual(['update:roles']);
      const renamed = PERMISSIONS.map((p) => (p.name === 'read:timesheets' ? { ...p, name: 'approve:all' } : p));
      expect([...addedPermissions(before, access([mallory], ROLES, GROUPS, renamed))]).toEqual(['approve:all']);
    });

    it('sees a new user and an unblocked one, and ignores what a blocked user is given', () => {
      expect([...addedPermissions(before, access([mallory, user('new', { roleIds: ['r-employee'] })]))]).toEqual([
        'read:timesheets',
      ]);
      const blockedAdmin = user('eve', { blocked: true, roleIds: ['r-admin'] });
      const withBlocked = access([mallory, blockedAdmin]);
      expect(addedPermissions(before, withBlocked)).toEqual(new Set());
      expect(addedPermissions(withBlocked, access([mallory, { ...blockedAdmin, blocked: false }]))).toContain(
        'delete:roles',
      );
    });

    it('ignores permissions taken away', () => {
      expect(addedPermissions(before, access([user('mallory')]))).toEqual(new Set());
    });
  });

  describe('ungrantable and mayGrantAnything', () => {
    it('names every added permission the actor does not hold, sorted', () => {
      const held = new Set(['read:users', 'update:users', 'read:timesheets']);
      expect(ungrantable(held, new Set(['update:roles', 'read:timesheets', 'delete:roles']))).toEqual([
        'delete:roles',
        'update:roles',
      ]);
      expect(ungrantable(held, new Set(['read:timesheets']))).toEqual([]);
    });

    it('exempts a holder of every admin permission, and nobody short of one', () => {
      expect(mayGrantAnything(new Set(ADMIN_SCOPES))).toBe(true);
      expect(mayGrantAnything(new Set([...ADMIN_SCOPES, 'approve:timesheets']))).toBe(true);
      expect(mayGrantAnything(new Set(ADMIN_SCOPES.slice(1)))).toBe(false);
    });
  });

  it('adminCarriers: roles carrying an admin permission and every group reaching one', () => {
    const nested = [...GROUPS, group('ops-child', 'ops', []), group('team-child', 'team', [])];
    const model = new AuthzModel(PERMISSIONS, ROLES, nested);
    expect(adminCarriers(model)).toEqual({ roleIds: ['r-admin', 'r-user-admin'], groupIds: ['ops', 'ops-child'] });
  });

  describe('adminHolderCount (lockout rule)', () => {
    it('counts unblocked users holding every admin permission, directly or through groups', () => {
      const users = [
        user('direct', { roleIds: ['r-admin'] }),
        user('via-group', { groupIds: ['ops'] }),
        user('blocked', { blocked: true, roleIds: ['r-admin'] }),
        user('partial', { roleIds: ['r-user-admin'] }),
      ];
      expect(adminHolderCount(access(users))).toBe(2);
    });

    it('finds none when the only admin is blocked', () => {
      expect(adminHolderCount(access([user('a', { blocked: true, roleIds: ['r-admin'] })]))).toBe(0);
    });
  });

  it('computes users with the same assignments once, and each user correctly', () => {
    const users = [user('a', { roleIds: ['r-employee'] }), user('b', { roleIds: ['r-employee'] }), user('c')];
    const result = access(users);
    expect(result.get('a')).toBe(result.get('b'));
    expect([...(result.get('a') ?? [])]).toEqual(['read:timesheets']);
    expect(result.get('c')?.size).toBe(0);
  });
});
