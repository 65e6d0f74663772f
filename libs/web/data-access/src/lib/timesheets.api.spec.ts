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

  it('saves a week with one PUT and submits it', () => {
    const api = TestBed.inject(TimesheetsApi);
    const body = { entries: [{ date: '2026-11-30', projectId: 'p', hours: 8 }] };
    api.saveWeek('2026-W49', body).subscribe();
    const put = ctl.expectOne('http://api.test/api/weeks/2026-W49/entries');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual(body);
    api.submitWeek('2026-W49').subscribe();
    expect(ctl.expectOne('http://api.test/api/weeks/2026-W49/submit').request.method).toBe('POST');
  });

  it('reads the queue with its filters and decides many person-weeks at once', () => {
    const api = TestBed.inject(ApprovalsApi);
    api.queue({ status: 'pending', person: 'u1', from: '2026-W40', limit: 20 }).subscribe();
    const q = ctl.expectOne((r) => r.url === 'http://api.test/api/approvals');
    expect(q.request.params.keys().sort()).toEqual(['from', 'limit', 'person', 'status']);
    api.personWeek('u 1', '2026-W49').subscribe();
    ctl.expectOne('http://api.test/api/approvals/people/u%201/weeks/2026-W49');
    const body = { decision: 'reject' as const, reason: 'late', items: [{ userId: 'u1', week: '2026-W49' }] };
    api.decide(body).subscribe();
    const d = ctl.expectOne('http://api.test/api/approvals/decisions');
    expect(d.request.method).toBe('POST');
    expect(d.request.body).toEqual(body);
  });

  it('moves the period lock and assigns group managers', () => {
    const api = TestBed.inject(AdminApi);
    api.setPeriodLock({ lockedThrough: '2026-11-30' }).subscribe();
    const lock = ctl.expectOne('http://api.test/api/admin/period-lock');
    expect([lock.request.method, lock.request.body]).toEqual(['PUT', { lockedThrough: '2026-11-30' }]);
    api.setGroupManager('g1', 'u1', true).subscribe();
    expect(ctl.expectOne('http://api.test/api/admin/groups/g1/managers/u1').request.method).toBe('PUT');
    api.setGroupManager('g1', 'u1', false).subscribe();
    expect(ctl.expectOne('http://api.test/api/admin/groups/g1/managers/u1').request.method).toBe('DELETE');
    api.listProjects({ q: 'apo', archived: false }).subscribe();
    const list = ctl.expectOne((r) => r.url === 'http://api.test/api/admin/projects');
    expect(list.request.params.get('archived')).toBe('false');
  });

  it('toggles a user role with PUT and DELETE', () => {
    const api = TestBed.inject(AdminApi);
    api.setUserRole('u1', 'r1', true).subscribe();
    expect(ctl.expectOne('http://api.test/api/admin/users/u1/roles/r1').request.method).toBe('PUT');
    api.setUserRole('u1', 'r1', false).subscribe();
    expect(ctl.expectOne('http://api.test/api/admin/users/u1/roles/r1').request.method).toBe('DELETE');
  });
});
