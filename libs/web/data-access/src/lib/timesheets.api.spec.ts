import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RuntimeConfigService } from '@timesheets/web-auth';
import { AdminApi } from './admin.api';
import { ApprovalsApi, TimesheetsApi } from './timesheets.api';

describe('API clients', () => {
  let ctl: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(RuntimeConfigService).set({
      issuer: 'i',
      clientId: 'c',
      apiUrl: 'http://api.test/api',
      audience: 'a',
      flow: 'code',
      scope: 's',
    });
    ctl = TestBed.inject(HttpTestingController);
  });
  afterEach(() => ctl.verify());

  it('lists timesheets with only the given filters', () => {
    TestBed.inject(TimesheetsApi)
      .list({ from: '2026-11-23', to: '2026-11-29', status: undefined, limit: 100 })
      .subscribe();
    const req = ctl.expectOne((r) => r.url === 'http://api.test/api/timesheets');
    expect(req.request.params.keys().sort()).toEqual(['from', 'limit', 'to']);
  });

  it('rejects with a reason', () => {
    TestBed.inject(ApprovalsApi).reject('a b', 'late').subscribe();
    const req = ctl.expectOne('http://api.test/api/timesheets/a%20b/reject');
    expect(req.request.body).toEqual({ reason: 'late' });
  });

  it('toggles a user role with PUT and DELETE', () => {
    const api = TestBed.inject(AdminApi);
    api.setUserRole('u1', 'r1', true).subscribe();
    expect(ctl.expectOne('http://api.test/api/admin/users/u1/roles/r1').request.method).toBe('PUT');
    api.setUserRole('u1', 'r1', false).subscribe();
    expect(ctl.expectOne('http://api.test/api/admin/users/u1/roles/r1').request.method).toBe('DELETE');
  });
});
