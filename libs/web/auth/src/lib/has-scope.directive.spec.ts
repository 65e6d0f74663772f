import { Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService } from './auth.service';
import { HasScopeDirective } from './has-scope.directive';

@Component({
  imports: [HasScopeDirective],
  template: `<button *hasScope="'approve:timesheets'">Approve</button
    ><button *hasScope="['read:users', 'update:users']">Block</button>`,
})
class Host {}

describe('*hasScope', () => {
  it('shows content only while the scopes are granted', () => {
    const scopes = signal(new Set<string>(['approve:timesheets', 'read:users']));
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AuthService,
          useValue: {
            grantedScopes: computed(() => scopes()),
            hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)),
          },
        },
      ],
    });
    const f = TestBed.createComponent(Host);
    f.detectChanges();
    expect(f.nativeElement.textContent).toBe('Approve');
    scopes.set(new Set(['read:users', 'update:users']));
    f.detectChanges();
    expect(f.nativeElement.textContent).toBe('Block');
  });
});
