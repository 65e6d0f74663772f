import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { computed, signal } from '@angular/core';
import { AuthService } from '@timesheets/web-auth';
import { App } from './app';
import { appRoutes } from './app.routes';

describe('App', () => {
  it('renders the frame with a sign-in button when signed out', async () => {
    const signedIn = signal(false);
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter(appRoutes),
        {
          provide: AuthService,
          useValue: {
            signedIn,
            user: computed(() => null),
            grantedScopes: computed(() => new Set()),
            signInProblem: signal(null),
            lostScopes: signal([]),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.ts-skip-link')).toBeTruthy();
    expect(el.textContent).toContain('Sign in');
  });

  it('puts every feature behind canMatch and lazy loading', () => {
    for (const path of ['timesheets', 'approvals', 'admin']) {
      const r = appRoutes.find((x) => x.path === path);
      expect(r?.canMatch?.length).toBe(1);
      expect(r?.loadChildren).toBeDefined();
    }
  });
});
