import { TestBed } from '@angular/core/testing';
import { computed, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { RoleDto, UserDetailDto } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi } from '@timesheets/web-data-access';
import { AuditPage } from './audit-page';
import { flattenGroupTree } from './group-tree';
import { RolesPage, togglePermission } from './roles-page';
import { parseConfigurationExport } from './transfer-page';
import { UsersPage } from './users-page';
import { AdminShell } from './admin-shell';
import { provideRouter } from '@angular/router';

const role = (id: string, permissions: string[] = []): RoleDto => ({ id, name: id, description: '', permissions });
const alice: UserDetailDto = {
  id: 'u1',
  issuer: 'i',
  subject: 's',
  email: 'alice@exampleco.test',
  name: 'Alice Employee',
  blocked: false,
  lastLoginAt: null,
  roles: [role('employee')],
  groups: [],
  effectivePermissions: [{ permission: 'read:timesheets', sources: [{ role: 'employee', via: [] }] }],
};

describe('admin area', () => {
  const api = {
    listUsers: jest.fn(),
    getUser: jest.fn(),
    setUserRole: jest.fn(),
    setBlocked: jest.fn(),
    listRoles: jest.fn(),
    listGroups: jest.fn(),
    listPermissions: jest.fn(),
    setRolePermissions: jest.fn(),
    listAudit: jest.fn(),
  };
  const scopes = signal(
    new Set(['read:users', 'update:users', 'read:roles', 'update:roles', 'read:permissions', 'read:groups']),
  );
  const snack = { open: jest.fn() };

  beforeEach(() => {
    jest.resetAllMocks();
    api.listUsers.mockReturnValue(of({ items: [alice], nextCursor: null }));
    api.listRoles.mockReturnValue(of([role('employee'), role('manager')]));
    api.listGroups.mockReturnValue(of([]));
    api.listPermissions.mockReturnValue(of([{ id: 'p1', name: 'read:timesheets', description: '' }]));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AdminApi, useValue: api },
        { provide: MatSnackBar, useValue: snack },
        { provide: MatDialog, useValue: { open: jest.fn() } },
        {
          provide: AuthService,
          useValue: {
            grantedScopes: computed(() => scopes()),
            hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)),
            hasAnyScope: (...s: string[]) => s.some((x) => scopes().has(x)),
          },
        },
      ],
    });
  });

  it('shows only the sections the scopes open', () => {
    const f = TestBed.createComponent(AdminShell);
    f.detectChanges();
    const nav = (f.nativeElement as HTMLElement).querySelector('nav')?.textContent ?? '';
    expect(nav).toContain('Users');
    expect(nav).toContain('Roles');
    expect(nav).not.toContain('Audit log');
  });

  it('users: searches, opens a user with permission sources, grants a role', () => {
    const f = TestBed.createComponent(UsersPage);
    f.detectChanges();
    const c = f.componentInstance;
    expect(api.listUsers).toHaveBeenCalledWith({ q: undefined, limit: 50, cursor: undefined });
    c.query.set(' ali ');
    c.search();
    f.detectChanges();
    expect(api.listUsers).toHaveBeenLastCalledWith({ q: 'ali', limit: 50, cursor: undefined });
    expect(api.listUsers).toHaveBeenCalledTimes(2);
    api.getUser.mockReturnValue(of(alice));
    c.open(alice);
    f.detectChanges();
    expect(f.nativeElement.textContent).toContain('role employee (direct)');
    const promoted = { ...alice, roles: [role('employee'), role('manager')] };
    api.setUserRole.mockReturnValue(of(promoted));
    c.setRole(alice, role('manager'), true);
    expect(api.setUserRole).toHaveBeenCalledWith('u1', 'manager', true);
    expect(c.selected()?.roles.map((r) => r.id)).toContain('manager');
    expect(snack.open).toHaveBeenCalledWith('Role manager granted', undefined, { duration: 3000 });
  });

  it('roles: the matrix toggles one permission', () => {
    expect(togglePermission(role('r', ['b', 'a']), 'c', true)).toEqual(['a', 'b', 'c']);
    expect(togglePermission(role('r', ['b', 'a']), 'a', false)).toEqual(['b']);
    const f = TestBed.createComponent(RolesPage);
    f.detectChanges();
    api.setRolePermissions.mockReturnValue(of(role('manager', ['read:timesheets'])));
    f.componentInstance.toggle(role('manager'), { id: 'p1', name: 'read:timesheets', description: '' }, true);
    expect(api.setRolePermissions).toHaveBeenCalledWith('manager', ['read:timesheets']);
    expect(f.componentInstance.roles().find((r) => r.id === 'manager')?.permissions).toEqual(['read:timesheets']);
  });

  it('groups: nested tree order with depth, safe with cycles', () => {
    const g = (id: string, parentId: string | null) => ({ id, name: id, description: '', parentId });
    const tree = flattenGroupTree([g('b', null), g('a1', 'a'), g('a', null), g('x', 'y'), g('y', 'x')]);
    expect(tree.map((n) => `${n.group.id}:${n.depth}`)).toEqual(['a:0', 'a1:1', 'b:0']);
  });

  it('audit: sends only the filters that are set', () => {
    api.listAudit.mockReturnValue(of({ items: [], nextCursor: null }));
    const f = TestBed.createComponent(AuditPage);
    f.detectChanges();
    const c = f.componentInstance;
    c.filters.action = ' user.role.added ';
    c.filters.from = '2026-11-01';
    c.load();
    f.detectChanges();
    expect(api.listAudit).toHaveBeenLastCalledWith(
      expect.objectContaining({
        action: 'user.role.added',
        from: '2026-11-01',
        targetType: undefined,
        cursor: undefined,
      }),
    );
  });

  it('import: checks the outline of the file', () => {
    expect(() => parseConfigurationExport('nope')).toThrow(/JSON/);
    expect(() => parseConfigurationExport('{"version":2}')).toThrow(/version 1/);
    expect(() => parseConfigurationExport('{"version":1,"permissions":[],"roles":[],"groups":[]}')).toThrow(/users/);
    expect(parseConfigurationExport('{"version":1,"permissions":[],"roles":[],"groups":[],"users":[]}').version).toBe(
      1,
    );
  });
});
