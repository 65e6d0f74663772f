import { provideLocaleDates } from '@timesheets/web-ui';
import { TestBed } from '@angular/core/testing';
import { computed, signal } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialog } from '@angular/material/dialog';
import { MatCheckboxChange } from '@angular/material/checkbox';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import {
  AccessPreviewDto,
  MachineClientDto,
  RoleDto,
  SCOPE_DESCRIPTIONS,
  TimesheetMessages,
  UserDetailDto,
} from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi } from '@timesheets/web-data-access';
import { AuditPage } from './audit-page';
import { CLIENT_NAME_MESSAGE, CLIENT_SCOPES_MESSAGE, ClientsPage } from './clients-page';
import { flattenGroupTree } from './group-tree';
import { RolesPage, togglePermission } from './roles-page';
import { parseConfigurationExport } from './transfer-page';
import { UsersPage } from './users-page';
import { AccessChangeDialog } from './access-change-dialog';
import { AdminShell } from './admin-shell';
import { GroupsPage } from './groups-page';
import { PeriodLockPage } from './period-lock-page';
import { ProjectsPage } from './projects-page';
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
  manages: [],
  approvesFor: [],
  approvers: [],
};

describe('admin area', () => {
  const api = {
    listUsers: jest.fn(),
    getUser: jest.fn(),
    setUserRole: jest.fn(),
    previewUserAccess: jest.fn(),
    setBlocked: jest.fn(),
    listRoles: jest.fn(),
    listGroups: jest.fn(),
    listPermissions: jest.fn(),
    setRolePermissions: jest.fn(),
    listAudit: jest.fn(),
    getGroup: jest.fn(),
    setGroupManager: jest.fn(),
    listProjects: jest.fn(),
    updateProject: jest.fn(),
    createProject: jest.fn(),
    listCustomers: jest.fn(),
    createCustomer: jest.fn(),
    updateCustomer: jest.fn(),
    periodLock: jest.fn(),
    setPeriodLock: jest.fn(),
    listClients: jest.fn(),
    createClient: jest.fn(),
    rotateClientSecret: jest.fn(),
    revokeClient: jest.fn(),
  };
  const dialog = { open: jest.fn() };
  const scopes = signal(
    new Set([
      'read:users',
      'update:users',
      'read:roles',
      'update:roles',
      'read:permissions',
      'read:groups',
      'update:groups',
      'manage:projects',
    ]),
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
        ...provideLocaleDates(),
        provideRouter([]),
        { provide: AdminApi, useValue: api },
        { provide: MatSnackBar, useValue: snack },
        { provide: MatDialog, useValue: dialog },
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
    expect(nav).toContain('Projects');
    expect(nav).not.toContain('Audit log');
    expect(nav).not.toContain('Period lock');
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
    expect(f.nativeElement.querySelector('[data-testid=approval-lines]').textContent).toContain('No groups');
    const promoted = { ...alice, roles: [role('employee'), role('manager')] };
    api.setUserRole.mockReturnValue(of(promoted));
    const preview = {
      effectivePermissions: [{ permission: 'approve:timesheets', sources: [{ role: 'manager', via: [] }] }],
      added: ['approve:timesheets'],
      removed: [],
      belowGroupDefaults: [],
      refusal: null,
    };
    api.previewUserAccess.mockReturnValue(of(preview));
    dialog.open.mockReturnValue({ afterClosed: () => of(true) });
    const checkbox = { checked: true };
    c.setRole(alice, role('manager'), { checked: true, source: checkbox } as unknown as MatCheckboxChange);
    // First what it would give, shown before saving; then the change itself.
    expect(api.previewUserAccess).toHaveBeenCalledWith('u1', { roleIds: ['employee', 'manager'], groupIds: [] });
    expect(dialog.open.mock.calls[0][1].data).toEqual({
      user: 'Alice Employee',
      change: 'Give the role manager',
      preview,
    });
    expect(api.setUserRole).toHaveBeenCalledWith('u1', 'manager', true);
    expect(c.selected()?.roles.map((r) => r.id)).toContain('manager');
    expect(snack.open).toHaveBeenCalledWith('Role manager granted', undefined, { duration: 3000 });
  });

  it('users: cancelling the access preview saves nothing and puts the checkbox back', () => {
    const c = TestBed.createComponent(UsersPage).componentInstance;
    api.previewUserAccess.mockReturnValue(
      of({ effectivePermissions: [], added: [], removed: ['read:timesheets'], belowGroupDefaults: [], refusal: null }),
    );
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    const checkbox = { checked: false };
    c.setRole(alice, role('employee'), { checked: false, source: checkbox } as unknown as MatCheckboxChange);
    expect(api.previewUserAccess).toHaveBeenCalledWith('u1', { roleIds: [], groupIds: [] });
    expect(api.setUserRole).not.toHaveBeenCalled();
    expect(checkbox.checked).toBe(true);
  });

  it('access preview: warns when nothing is left, or less than the groups give, and lists what remains in words', () => {
    const render = (preview: AccessPreviewDto) => {
      TestBed.overrideProvider(MAT_DIALOG_DATA, {
        useValue: { user: 'Alice Employee', change: 'Remove the role employee', preview },
      });
      const f = TestBed.createComponent(AccessChangeDialog);
      f.detectChanges();
      return f.nativeElement as HTMLElement;
    };
    const none = render({
      effectivePermissions: [],
      added: [],
      removed: ['read:timesheets'],
      belowGroupDefaults: [],
      refusal: null,
    });
    expect(none.querySelector('[data-testid=access-warning]')?.textContent).toContain('no permissions at all');
    expect(none.querySelector('[data-testid=access-removed]')?.textContent).toContain(
      SCOPE_DESCRIPTIONS['read:timesheets'],
    );
    expect(none.querySelector('[data-testid=access-after]')?.textContent).toContain('Nothing.');
    expect(none.querySelector('[data-testid=access-refusal]')).toBeNull();
  });

  describe('access preview: says when the API would refuse the change, in words, and offers no way to apply it', () => {
    const render = (refusal: AccessPreviewDto['refusal']) => {
      const preview = { effectivePermissions: [], added: [], removed: [], belowGroupDefaults: [], refusal };
      TestBed.overrideProvider(MAT_DIALOG_DATA, {
        useValue: { user: 'Carol Admin', change: 'Remove the role admin', preview },
      });
      const f = TestBed.createComponent(AccessChangeDialog);
      f.detectChanges();
      const el = f.nativeElement as HTMLElement;
      const apply = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Apply change'));
      return { said: el.querySelector('[data-testid=access-refusal]')?.textContent ?? '', apply };
    };

    it('lockout', () => {
      const { said, apply } = render({ reason: 'lockout', message: 'This change would leave no …' });
      expect(said).toContain('every admin permission');
      expect(apply?.disabled).toBe(true);
    });

    it('escalation', () => {
      const { said, apply } = render({
        reason: 'escalation',
        message: 'This change would grant …',
        permissions: ['update:roles'],
      });
      expect(said).toContain(SCOPE_DESCRIPTIONS['update:roles']);
      expect(said).not.toContain('update:roles');
      expect(apply?.disabled).toBe(true);
    });

    it('nothing refused: Apply change is offered', () => {
      const { said, apply } = render(null);
      expect(said).toBe('');
      expect(apply?.disabled).toBe(false);
    });
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
    c.filters.from = new Date(2026, 10, 1);
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

  it('users: shows whom a user approves for, and through which groups', () => {
    const bob: UserDetailDto = {
      ...alice,
      id: 'u2',
      name: 'Bob Manager',
      manages: [{ id: 'g1', name: 'Engineering', description: '', parentId: null }],
      approvesFor: [
        { user: { ...alice, id: 'u1' }, via: ['Engineering'] },
        { user: { ...alice, id: 'u3', name: 'Dan Dev' }, via: ['Engineering', 'Backend'] },
      ],
    };
    api.getUser.mockReturnValue(of(bob));
    const f = TestBed.createComponent(UsersPage);
    f.detectChanges();
    f.componentInstance.open(bob);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=approval-lines]')?.textContent).toContain('Engineering');
    const rows = [...el.querySelectorAll('table[aria-label="Whose timesheets this user approves"] tbody tr')];
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()))).toEqual([
      ['Alice Employee', 'Engineering'],
      ['Dan Dev', 'Engineering → Backend'],
    ]);
  });

  it('groups: assigns and removes managers', () => {
    const eng = {
      id: 'g1',
      name: 'Engineering',
      description: '',
      parentId: null,
      roles: [],
      children: [],
      members: [],
      allMembers: [],
      managers: [],
    };
    api.listGroups.mockReturnValue(of([eng]));
    api.getGroup.mockReturnValue(of(eng));
    const f = TestBed.createComponent(GroupsPage);
    f.detectChanges();
    f.componentInstance.open(eng);
    f.detectChanges();
    expect(f.nativeElement.querySelector('ul[aria-label=Managers]').textContent).toContain('No managers');
    const bob = { ...alice, id: 'u2', name: 'Bob Manager' };
    api.setGroupManager.mockReturnValue(of({ ...eng, managers: [bob] }));
    f.componentInstance.setManager(eng, 'u2', true);
    f.detectChanges();
    expect(api.setGroupManager).toHaveBeenCalledWith('g1', 'u2', true);
    expect(f.nativeElement.querySelector('ul[aria-label=Managers]').textContent).toContain('Bob Manager');
  });

  it('projects: lists, archives, and opens the project form with customers and groups', () => {
    const apollo = {
      id: 'p1',
      code: 'APOLLO',
      name: 'Apollo',
      customer: { id: 'c1', name: 'Acme' },
      billable: true,
      archived: false,
      allowedGroups: [],
      createdAt: '',
      updatedAt: '',
    };
    api.listProjects.mockReturnValue(of({ items: [apollo], nextCursor: null }));
    api.listCustomers.mockReturnValue(of([{ id: 'c1', name: 'Acme', archived: false }]));
    api.listGroups.mockReturnValue(of([{ id: 'g1', name: 'Engineering', description: '', parentId: null }]));
    const f = TestBed.createComponent(ProjectsPage);
    f.detectChanges();
    const row = f.nativeElement.querySelector('tr[data-project=APOLLO]');
    expect(row.textContent).toContain('Acme');
    expect(row.textContent).toContain('Everyone');
    dialog.open.mockReturnValue({ afterClosed: () => of(undefined) });
    f.componentInstance.edit(apollo);
    expect(dialog.open.mock.calls[0][1].data).toEqual({
      project: apollo,
      customers: [{ id: 'c1', name: 'Acme', archived: false }],
      groups: [{ id: 'g1', name: 'Engineering', description: '', parentId: null }],
    });
    api.updateProject.mockReturnValue(of({ ...apollo, archived: true }));
    f.componentInstance.setProjectArchived(apollo, true);
    f.detectChanges();
    expect(api.updateProject).toHaveBeenCalledWith('p1', { archived: true });
    expect(f.nativeElement.querySelector('tr[data-project=APOLLO]')).toBeNull();
    f.componentInstance.newCustomer.set('   ');
    f.componentInstance.addCustomer();
    expect(api.createCustomer).not.toHaveBeenCalled();
    expect(f.componentInstance.customerError()).toBe(TimesheetMessages.customerName);
  });

  it('period lock: shows it and moves it only after a confirmation', () => {
    api.periodLock.mockReturnValue(of({ lockedThrough: '2026-10-31', updatedAt: null, updatedBy: null }));
    const f = TestBed.createComponent(PeriodLockPage);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=locked-through]')?.textContent).toContain('31 October 2026');
    const c = f.componentInstance;
    c.through.set(new Date(Number.NaN));
    c.move();
    expect(c.formError()).toBe('Lock through must be a real date, written DD/MM/YYYY.');
    c.through.set(new Date(2026, 10, 30));
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    c.move();
    expect(dialog.open.mock.calls[0][1].data.title).toBe('Lock timesheets through 30 November 2026?');
    expect(api.setPeriodLock).not.toHaveBeenCalled();
    dialog.open.mockReturnValue({ afterClosed: () => of(true) });
    api.setPeriodLock.mockReturnValue(
      of({ lockedThrough: '2026-11-30', updatedAt: '2026-12-01T10:00:00Z', updatedBy: 'Carol' }),
    );
    c.move();
    f.detectChanges();
    expect(api.setPeriodLock).toHaveBeenCalledWith({ lockedThrough: '2026-11-30' });
    expect(el.querySelector('[data-testid=locked-through]')?.textContent).toContain('30 November 2026');
    c.through.set(new Date(2026, 8, 30));
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    c.move();
    expect(dialog.open.mock.calls.at(-1)[1].data.title).toBe('Unlock the days after 30 September 2026?');
  });

  it('machine clients: registers one, shows its secret once, and refuses an empty form without calling the API', () => {
    const client: MachineClientDto = {
      id: 'mc_AAAAAAAAAAAAAAAAAAAAAA',
      name: 'Badge reader',
      scopes: ['import:timesheets'],
      importStatus: 'draft',
      createdAt: '2026-12-07T10:00:00.000Z',
      createdBy: 'Root',
      secretIssuedAt: '2026-12-07T10:00:00.000Z',
      previousSecretExpiresAt: null,
      revokedAt: null,
    };
    api.listClients.mockReturnValue(of([]));
    const f = TestBed.createComponent(ClientsPage);
    f.detectChanges();
    const c = f.componentInstance;
    const text = () => (f.nativeElement as HTMLElement).textContent ?? '';
    expect(text()).toContain('No machine clients.');
    c.name.set('   ');
    c.toggle('import:timesheets', false);
    c.create();
    f.detectChanges();
    expect(api.createClient).not.toHaveBeenCalled();
    expect(text()).toContain(CLIENT_NAME_MESSAGE);
    expect(text()).toContain(CLIENT_SCOPES_MESSAGE);

    api.createClient.mockReturnValue(of({ client, clientSecret: 'mcs_secret-shown-once' }));
    c.name.set(' Badge reader ');
    c.toggle('import:timesheets', true);
    c.importStatus.set('pending');
    c.create();
    f.detectChanges();
    expect(api.createClient).toHaveBeenCalledWith({
      name: 'Badge reader',
      scopes: ['import:timesheets'],
      importStatus: 'pending',
    });
    expect(text()).toContain('mcs_secret-shown-once');
    expect(text()).toContain('mc_AAAAAAAAAAAAAAAAAAAAAA');
    c.issued.set(null);
    f.detectChanges();
    expect(text()).not.toContain('mcs_secret-shown-once');
    expect(text()).toContain('Badge reader');
  });
});
