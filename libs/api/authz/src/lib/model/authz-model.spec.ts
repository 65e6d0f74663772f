import { AuthzModel, type GroupRec, type UserAssignments } from './authz-model';

const perms = ['read:timesheets', 'approve:timesheets', 'read:audit'].map((name) => ({
  id: `p-${name}`,
  name,
  description: '',
}));
const roles = [
  { id: 'r-reader', name: 'reader', description: '', permissionIds: ['p-read:timesheets'] },
  { id: 'r-approver', name: 'approver', description: '', permissionIds: ['p-approve:timesheets'] },
  { id: 'r-auditor', name: 'auditor', description: '', permissionIds: ['p-read:audit', 'p-read:timesheets'] },
];
// company <- engineering <- platform (platform is the innermost)
const group = (id: string, parentId: string | null, roleIds: string[]): GroupRec => ({
  id,
  name: id,
  description: '',
  parentId,
  roleIds,
});
const groups = [
  group('company', null, ['r-reader']),
  group('engineering', 'company', ['r-approver']),
  group('platform', 'engineering', []),
  group('finance', 'company', ['r-auditor']),
];
const user = (u: Partial<UserAssignments>): UserAssignments => ({
  id: 'u',
  blocked: false,
  roleIds: [],
  groupIds: [],
  ...u,
});

describe('AuthzModel', () => {
  const model = new AuthzModel(perms, roles, groups);

  it('gives a member of a child group the roles of every ancestor', () => {
    const access = model.access(user({ groupIds: ['platform'] }));
    expect([...access.permissions].sort()).toEqual(['approve:timesheets', 'read:timesheets']);
    expect(access.groups).toEqual(['company', 'engineering', 'platform']);
    expect(access.roles).toEqual(['approver', 'reader']);
  });

  it('explains each permission with the role and the group chain, outermost last', () => {
    const explained = model.explain(user({ roleIds: ['r-reader'], groupIds: ['platform'] }));
    expect(explained).toEqual([
      { permission: 'approve:timesheets', sources: [{ role: 'approver', via: ['platform', 'engineering'] }] },
      {
        permission: 'read:timesheets',
        sources: [
          { role: 'reader', via: [] },
          { role: 'reader', via: ['platform', 'engineering', 'company'] },
        ],
      },
    ]);
  });

  it('lists a permission reached through two roles under both', () => {
    const explained = model.explain(user({ roleIds: ['r-reader', 'r-auditor'] }));
    expect(explained.find((e) => e.permission === 'read:timesheets')?.sources.map((s) => s.role)).toEqual([
      'auditor',
      'reader',
    ]);
  });

  it('gives a blocked user nothing at all', () => {
    const blocked = user({ blocked: true, roleIds: ['r-auditor'], groupIds: ['platform'] });
    expect(model.explain(blocked)).toEqual([]);
    expect(model.access(blocked)).toEqual({ permissions: new Set(), roles: [], groups: [] });
  });

  it('ignores assignments of unknown roles and groups', () => {
    expect(model.access(user({ roleIds: ['gone'], groupIds: ['gone'] })).permissions.size).toBe(0);
  });

  describe('cycle detection', () => {
    it('refuses a group as its own parent', () => expect(model.wouldCycle('company', 'company')).toBe(true));
    it('refuses an ancestor under its descendant', () => {
      expect(model.wouldCycle('company', 'platform')).toBe(true);
      expect(model.wouldCycle('engineering', 'platform')).toBe(true);
    });
    it('allows moving a group under a sibling branch or to the top', () => {
      expect(model.wouldCycle('platform', 'finance')).toBe(false);
      expect(model.wouldCycle('engineering', null)).toBe(false);
    });
    it('terminates on a corrupt cycle already stored', () => {
      const corrupt = new AuthzModel(perms, roles, [group('a', 'b', ['r-reader']), group('b', 'a', [])]);
      expect(corrupt.chain('a').map((g) => g.id)).toEqual(['a', 'b']);
      expect([...corrupt.access(user({ groupIds: ['a'] })).permissions]).toEqual(['read:timesheets']);
    });
  });
});
