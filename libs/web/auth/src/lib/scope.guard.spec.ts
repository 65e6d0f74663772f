import { TestBed } from '@angular/core/testing';
import { Router, UrlTree, provideRouter } from '@angular/router';
import { signal } from '@angular/core';
import { Scopes } from '@timesheets/contracts/scopes';
import { AuthService } from './auth.service';
import { anyScopeGuard, scopeGuard } from './scope.guard';

describe('scopeGuard', () => {
  const scopes = signal<Set<string>>(new Set());
  const signedIn = signal(true);
  const login = jest.fn();

  beforeEach(() => {
    login.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: AuthService,
          useValue: {
            signedIn,
            login,
            hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)),
            hasAnyScope: (...s: string[]) => s.some((x) => scopes().has(x)),
          },
        },
      ],
    });
  });

  const run = (guard: ReturnType<typeof scopeGuard>, url = '/approvals') =>
    TestBed.runInInjectionContext(() => (guard as (a: unknown, b: unknown) => unknown)({}, { url }));

  it('allows a signed-in user with every required scope', () => {
    signedIn.set(true);
    scopes.set(new Set([Scopes.ReadTimesheets, Scopes.ApproveTimesheets]));
    expect(run(scopeGuard(Scopes.ApproveTimesheets))).toBe(true);
  });

  it('sends a signed-in user without the scope to /forbidden', () => {
    signedIn.set(true);
    scopes.set(new Set([Scopes.ReadTimesheets]));
    const result = run(scopeGuard(Scopes.ApproveTimesheets));
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/forbidden');
  });

  it('needs all scopes, compared exactly', () => {
    signedIn.set(true);
    scopes.set(new Set(['approve:timesheetsx', Scopes.ReadTimesheets]));
    expect(run(scopeGuard(Scopes.ReadTimesheets, Scopes.ApproveTimesheets))).toBeInstanceOf(UrlTree);
  });

  it('starts sign-in for a signed-out visitor and remembers the URL', () => {
    signedIn.set(false);
    const result = run(scopeGuard(Scopes.ReadTimesheets), '/timesheets?week=2026-11-23');
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/');
    expect(login).toHaveBeenCalledWith('/timesheets?week=2026-11-23');
  });

  it('anyScopeGuard accepts one of several scopes', () => {
    signedIn.set(true);
    scopes.set(new Set([Scopes.ReadAudit]));
    expect(run(anyScopeGuard(Scopes.ReadUsers, Scopes.ReadAudit), '/admin')).toBe(true);
    scopes.set(new Set([Scopes.ReadTimesheets]));
    expect(run(anyScopeGuard(Scopes.ReadUsers, Scopes.ReadAudit), '/admin')).toBeInstanceOf(UrlTree);
  });
});
