import {
  HttpClient,
  HttpContext,
  HttpErrorResponse,
  HttpHeaders,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  EXPLAINS_REFUSALS,
  apiAuthErrorInterceptor,
  apiBearerInterceptor,
  isInsufficientScope,
  requiredScopes,
} from './auth.interceptors';
import { AuthService } from './auth.service';
import { RuntimeConfigService } from './runtime-config';

describe('API interceptors', () => {
  let http: HttpClient;
  let ctl: HttpTestingController;
  const login = jest.fn();
  const permissionsRefused = jest.fn();

  beforeEach(() => {
    login.mockReset();
    permissionsRefused.mockReset().mockResolvedValue(true);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([apiBearerInterceptor, apiAuthErrorInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { accessToken: () => 'tok123', login, permissionsRefused } },
      ],
    });
    TestBed.inject(RuntimeConfigService).set({
      issuer: 'http://localhost:3334',
      clientId: 'timesheets-spa',
      apiUrl: 'http://localhost:3333/api',
      audience: 'http://localhost:3333/api',
      flow: 'code',
      scope: 'openid',
    });
    http = TestBed.inject(HttpClient);
    ctl = TestBed.inject(HttpTestingController);
  });

  afterEach(() => ctl.verify());

  it('sends the bearer token to the API', () => {
    http.get('http://localhost:3333/api/timesheets').subscribe();
    expect(ctl.expectOne('http://localhost:3333/api/timesheets').request.headers.get('Authorization')).toBe(
      'Bearer tok123',
    );
  });

  it.each([
    'http://localhost:3334/token',
    'http://localhost:3333/apix/timesheets',
    'http://localhost:3333/other',
    'https://evil.example/http://localhost:3333/api/',
    '/config.json',
  ])('sends no token to %s', (url) => {
    http.get(url).subscribe();
    expect(ctl.expectOne(url).request.headers.has('Authorization')).toBe(false);
  });

  it('starts sign-in again on 401 from the API', () => {
    http.get('http://localhost:3333/api/me').subscribe({ error: () => undefined });
    ctl.expectOne('http://localhost:3333/api/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(login).toHaveBeenCalled();
  });

  it('does not react to a 401 from elsewhere', () => {
    http.get('http://localhost:3334/me').subscribe({ error: () => undefined });
    ctl.expectOne('http://localhost:3334/me').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(login).not.toHaveBeenCalled();
  });

  it('on insufficient_scope refreshes the grant with what was refused, then lets the guards decide again', async () => {
    const router = TestBed.inject(Router);
    const nav = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    http.get('http://localhost:3333/api/approvals').subscribe({ error: () => undefined });
    ctl.expectOne('http://localhost:3333/api/approvals').flush(
      { message: 'This action needs the scope approve:timesheets' },
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", scope="approve:timesheets"' },
      },
    );
    expect(permissionsRefused).toHaveBeenCalledWith(['approve:timesheets'], 'tok123');
    await Promise.resolve();
    await Promise.resolve();
    expect(nav).toHaveBeenCalledWith(router.url, { onSameUrlNavigation: 'reload' });
  });

  it('stays on the page when nothing the user holds changed', async () => {
    permissionsRefused.mockResolvedValue(false);
    const nav = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    http.get('http://localhost:3333/api/approvals').subscribe({ error: () => undefined });
    ctl
      .expectOne('http://localhost:3333/api/approvals')
      .flush(
        {},
        { status: 403, statusText: 'Forbidden', headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' } },
      );
    expect(permissionsRefused).toHaveBeenCalledWith([], 'tok123');
    await Promise.resolve();
    await Promise.resolve();
    expect(nav).not.toHaveBeenCalled();
  });

  it('passes a business 403 on a POST through to the caller', () => {
    const nav = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    let status = 0;
    http
      .post('http://localhost:3333/api/timesheets/1/approve', {})
      .subscribe({ error: (e: HttpErrorResponse) => (status = e.status) });
    ctl.expectOne('http://localhost:3333/api/timesheets/1/approve').flush({}, { status: 403, statusText: 'Forbidden' });
    expect(status).toBe(403);
    expect(nav).not.toHaveBeenCalled();
    expect(permissionsRefused).not.toHaveBeenCalled();
  });

  it('passes an unmarked 403 on a read to a caller that explains refusals; a scope failure is still a permissions change', () => {
    const nav = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const url = 'http://localhost:3333/api/reports/hours';
    const context = new HttpContext().set(EXPLAINS_REFUSALS, true);
    let status = 0;
    http.get(url, { context }).subscribe({ error: (e: HttpErrorResponse) => (status = e.status) });
    ctl.expectOne(url).flush(
      { message: 'Person lists someone whose time you may not report on.' },
      {
        status: 403,
        statusText: 'Forbidden',
      },
    );
    expect(status).toBe(403);
    expect(nav).not.toHaveBeenCalled();
    expect(permissionsRefused).not.toHaveBeenCalled();

    http.get(url, { context }).subscribe({ error: () => undefined });
    ctl
      .expectOne(url)
      .flush(
        {},
        { status: 403, statusText: 'Forbidden', headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' } },
      );
    expect(permissionsRefused).toHaveBeenCalledWith([], 'tok123');
  });

  it('classifies 403s', () => {
    const e = (h: Record<string, string>) => new HttpErrorResponse({ status: 403, headers: new HttpHeaders(h) });
    expect(isInsufficientScope(e({ 'WWW-Authenticate': 'Bearer error="insufficient_scope"' }), 'POST')).toBe(true);
    expect(isInsufficientScope(e({}), 'GET')).toBe(true);
    expect(isInsufficientScope(e({}), 'POST')).toBe(false);
    expect(isInsufficientScope(e({}), 'GET', true)).toBe(false);
    expect(isInsufficientScope(e({ 'WWW-Authenticate': 'Bearer error="insufficient_scope"' }), 'GET', true)).toBe(true);
    expect(
      requiredScopes(e({ 'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", scope="a:b c:d"' })),
    ).toEqual(['a:b', 'c:d']);
    expect(requiredScopes(e({ 'WWW-Authenticate': 'Bearer error="insufficient_scope"' }))).toEqual([]);
  });
});
