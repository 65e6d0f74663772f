import {
  ADMIN_SCOPES,
  ALL_SCOPES,
  SCOPE_DESCRIPTIONS,
  hasAllScopes,
  isMachineScope,
  isScope,
  MACHINE_SCOPE_DESCRIPTIONS,
  MACHINE_SCOPES,
  parseScopeString,
  Scopes,
} from './scopes';
import { SEEDED_ROLES } from './roles';

describe('scopes', () => {
  it('names every scope once and describes each', () => {
    expect(new Set(ALL_SCOPES).size).toBe(ALL_SCOPES.length);
    expect(ALL_SCOPES).toHaveLength(24);
    for (const s of ALL_SCOPES) expect(SCOPE_DESCRIPTIONS[s]).toBeTruthy();
  });

  it('parses scope strings by single spaces only', () => {
    expect(parseScopeString('read:timesheets  create:timesheets')).toEqual(['read:timesheets', 'create:timesheets']);
    expect(parseScopeString('read:timesheets,approve:timesheets')).toEqual(['read:timesheets,approve:timesheets']);
    expect(parseScopeString(['read:timesheets'])).toEqual([]);
    expect(parseScopeString(undefined)).toEqual([]);
  });

  it('matches exactly', () => {
    expect(isScope('approve:timesheets')).toBe(true);
    expect(isScope('approve:timesheetsx')).toBe(false);
    expect(isScope('APPROVE:TIMESHEETS')).toBe(false);
    expect(hasAllScopes(new Set(['approve:timesheetsx']), [Scopes.ApproveTimesheets])).toBe(false);
    expect(hasAllScopes(['read:timesheets', 'create:timesheets'], ['read:timesheets'])).toBe(true);
    expect(hasAllScopes([], [])).toBe(true);
  });

  it('seeds manager as employee plus approve, and admin with exactly the admin scopes', () => {
    expect(SEEDED_ROLES.manager.permissions).toEqual([...SEEDED_ROLES.employee.permissions, 'approve:timesheets']);
    expect(SEEDED_ROLES.admin.permissions).toEqual([...ADMIN_SCOPES, 'read:reports']);
    expect(ADMIN_SCOPES).not.toContain('read:timesheets');
    expect(ADMIN_SCOPES).not.toContain('read:reports');
    expect(ADMIN_SCOPES).toEqual(expect.arrayContaining(['manage:projects', 'manage:period-lock']));
    expect(SEEDED_ROLES.employee.permissions).toContain('read:projects');
  });

  it('seeds payroll as employee plus read:reports', () => {
    expect(SEEDED_ROLES.payroll.permissions).toEqual([...SEEDED_ROLES.employee.permissions, 'read:reports']);
  });
});

describe('machine scopes', () => {
  it("are no person's scope and are described", () => {
    expect(MACHINE_SCOPES).toEqual(['import:timesheets']);
    for (const s of MACHINE_SCOPES) {
      expect(isScope(s)).toBe(false);
      expect(isMachineScope(s)).toBe(true);
      expect(MACHINE_SCOPE_DESCRIPTIONS[s]).toBeTruthy();
    }
    for (const s of ALL_SCOPES) expect(isMachineScope(s)).toBe(false);
    expect(isMachineScope('import:timesheetsx')).toBe(false);
  });
});
