import { TestBed } from '@angular/core/testing';
import { computed, signal } from '@angular/core';
import { Router, UrlTree, provideRouter } from '@angular/router';
import { AuthService } from '@timesheets/web-auth';
import { homeRedirectGuard } from './home.guard';
import { Layout } from './layout';

describe('Layout and home redirect', () => {
  const signedIn = signal(true);
  const scopes = signal(new Set<string>());
  const logout = jest.fn();
  const lostScopes = signal<string[]>([]);
  const dismissLostScopes = jest.fn(() => lostScopes.set([]));

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: AuthService,
          useValue: {
            signedIn,
            grantedScopes: computed(() => scopes()),
            user: signal({ sub: 's', name: 'Alice Employee', email: 'alice@exampleco.test' }),
            hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)),
            hasAnyScope: (...s: string[]) => s.some((x) => scopes().has(x)),
            login: jest.fn(),
            logout,
            lostScopes,
            dismissLostScopes,
          },
        },
      ],
    });
  });

  const navText = () => {
    const f = TestBed.createComponent(Layout);
    f.detectChanges();
    return (f.nativeElement as HTMLElement).querySelector('nav')?.textContent ?? '';
  };

  it('shows only the areas the scopes open', () => {
    scopes.set(new Set(['read:timesheets', 'create:timesheets']));
    let text = navText();
    expect(text).toContain('My timesheets');
    expect(text).not.toContain('Approvals');
    expect(text).not.toContain('Admin');
    scopes.set(new Set(['read:timesheets', 'approve:timesheets', 'read:users']));
    text = navText();
    expect(text).toContain('Approvals');
    expect(text).toContain('Admin');
    expect(text).toContain('Reports');
    // Reading everybody's reports (payroll) is not administering.
    scopes.set(new Set(['read:reports']));
    text = navText();
    expect(text).toContain('Reports');
    expect(text).not.toContain('Admin');
    expect(text).not.toContain('My timesheets');
    scopes.set(new Set(['read:users']));
    expect(navText()).not.toContain('Reports');
  });

  it('links the Material theme once signed in', () => {
    signedIn.set(true);
    TestBed.createComponent(Layout).detectChanges();
    TestBed.tick();
    expect(document.querySelectorAll('#ts-material-theme').length).toBe(1);
  });

  it('sends signed-in users to their first area', () => {
    const run = () => TestBed.runInInjectionContext(() => homeRedirectGuard({} as never, {} as never));
    const url = (r: unknown) => TestBed.inject(Router).serializeUrl(r as UrlTree);
    scopes.set(new Set(['read:timesheets']));
    expect(url(run())).toBe('/timesheets');
    scopes.set(new Set(['read:audit']));
    expect(url(run())).toBe('/admin');
    scopes.set(new Set(['read:reports']));
    expect(url(run())).toBe('/reports');
    scopes.set(new Set());
    expect(url(run())).toBe('/profile');
    signedIn.set(false);
    expect(run()).toBe(true);
  });

  it('says in words what the user can no longer do, never the scope names, until dismissed', () => {
    scopes.set(new Set(['read:timesheets']));
    lostScopes.set(['approve:timesheets', 'openid', 'made:up']);
    const f = TestBed.createComponent(Layout);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    const notice = el.querySelector('[data-testid="permissions-changed"]') as HTMLElement;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('Your permissions have changed');
    expect(notice.querySelectorAll('li')).toHaveLength(1);
    expect(notice.textContent).toContain('Approve or reject the timesheets of the people you manage');
    expect(el.textContent).not.toMatch(/approve:timesheets|openid|made:up|scope/);
    (
      Array.from(notice.querySelectorAll('button')).find((b) => b.textContent?.includes('Dismiss')) as HTMLElement
    ).click();
    f.detectChanges();
    expect(el.querySelector('[data-testid="permissions-changed"]')).toBeNull();
  });
});
