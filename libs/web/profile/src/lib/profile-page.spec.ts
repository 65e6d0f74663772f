import { TestBed } from '@angular/core/testing';
import { computed, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { of, throwError } from 'rxjs';
import { SCOPE_DESCRIPTIONS } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { MeApi } from '@timesheets/web-data-access';
import { ProfilePage } from './profile-page';

describe('ProfilePage', () => {
  const me = { get: jest.fn() };
  const renew = jest.fn();
  const scopes = signal(new Set(['openid', 'profile', 'read:timesheets', 'approve:timesheets']));

  beforeEach(() => {
    jest.resetAllMocks();
    TestBed.configureTestingModule({
      providers: [
        { provide: MeApi, useValue: me },
        {
          provide: AuthService,
          useValue: {
            grantedScopes: computed(() => scopes()),
            user: signal({ sub: 's', name: 'Bob Manager', email: 'bob@exampleco.test' }),
            renew,
          },
        },
      ],
    });
  });

  it('shows name, email, roles and what the granted scopes allow, in words (no scope names, no OpenID ones)', () => {
    me.get.mockReturnValue(
      of({
        subject: 's',
        issuer: 'i',
        email: 'bob@exampleco.test',
        name: 'Bob Manager',
        scopes: [],
        roles: ['manager'],
        groups: [],
      }),
    );
    const f = TestBed.createComponent(ProfilePage);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=profile-name]')?.textContent).toContain('Bob Manager');
    expect(el.querySelector('[data-testid=profile-roles]')?.textContent).toContain('manager');
    const scopesText = el.querySelector('[data-testid=granted-scopes]')?.textContent ?? '';
    expect(scopesText).not.toContain('approve:timesheets');
    expect(scopesText).toContain(SCOPE_DESCRIPTIONS['approve:timesheets']);
    expect(scopesText).not.toContain('openid');
  });

  it('shows an error when /me fails, and renews on request', async () => {
    me.get.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 500, error: { message: 'down' } })));
    const f = TestBed.createComponent(ProfilePage);
    f.detectChanges();
    expect(f.componentInstance.profile.errors()).toEqual(['down']);
    expect(f.nativeElement.querySelector('[role=alert]').textContent).toContain('down');
    renew.mockResolvedValue(undefined);
    me.get.mockReturnValue(
      of({ subject: 's', issuer: 'i', email: null, name: null, scopes: [], roles: [], groups: [] }),
    );
    await f.componentInstance.renew();
    expect(renew).toHaveBeenCalled();
    expect(f.componentInstance.me()?.roles).toEqual([]);
    renew.mockRejectedValue(new Error('x'));
    await f.componentInstance.renew();
    expect(f.componentInstance.renewError()).toMatch(/Could not refresh/);
  });
});
