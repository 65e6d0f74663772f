import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import { AuthService } from './auth.service';
import { RuntimeConfigService } from './runtime-config';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const jwt = (payload: object) => `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`;

function fakeOAuth(signedIn: boolean) {
  return {
    events: new Subject<{ type: string }>(),
    scope: '',
    state: '',
    clientId: 'timesheets-spa',
    revocationEndpoint: 'http://idp.test/token/revocation',
    discoveryDocumentLoaded: true,
    configure: jest.fn(function (this: { scope: string }, c: { scope: string }) {
      this.scope = c.scope;
    }),
    loadDiscoveryDocumentAndTryLogin: jest.fn().mockResolvedValue(true),
    loadDiscoveryDocument: jest.fn().mockResolvedValue({}),
    hasValidAccessToken: jest.fn(() => signedIn),
    getAccessToken: jest.fn(() => (signedIn ? jwt({ scope: 'read:timesheets approve:timesheets' }) : null)),
    getRefreshToken: jest.fn(() => (signedIn ? 'rt' : null)),
    getGrantedScopes: jest.fn(() => null),
    getIdentityClaims: jest.fn(() => ({ sub: 'u1', name: 'Bob Manager', email: 'bob@exampleco.test' })),
    setupAutomaticSilentRefresh: jest.fn(),
    refreshToken: jest.fn(),
    initCodeFlow: jest.fn(),
    initImplicitFlow: jest.fn(),
    logOut: jest.fn(),
  };
}

describe('AuthService with angular-oauth2-oidc', () => {
  const setup = (signedIn: boolean, flow: 'code' | 'implicit' = 'code', scopePrefix?: string) => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    TestBed.inject(RuntimeConfigService).set({
      issuer: 'http://idp.test',
      clientId: 'timesheets-spa',
      apiUrl: 'http://api.test/api',
      audience: 'http://api.test/api',
      flow,
      scope: 'openid read:timesheets approve:timesheets read:users',
      ...(scopePrefix ? { scopePrefix } : {}),
    });
    const auth = TestBed.inject(AuthService);
    const oauth = fakeOAuth(signedIn);
    const innerRefresh = oauth.refreshToken;
    (auth as unknown as { oauthService: unknown }).oauthService = oauth;
    (auth as unknown as { refreshWithoutScope: (o: unknown) => void }).refreshWithoutScope(oauth);
    return { auth, oauth, innerRefresh };
  };

  it('starts signed in from stored tokens, with scopes and claims as signals, and schedules renewal', async () => {
    const { auth, oauth } = setup(true);
    await auth.init();
    expect(oauth.configure).toHaveBeenCalledWith(
      expect.objectContaining({ responseType: 'code', clientId: 'timesheets-spa' }),
    );
    expect(oauth.setupAutomaticSilentRefresh).toHaveBeenCalled();
    expect(auth.signedIn()).toBe(true);
    expect(auth.user()?.name).toBe('Bob Manager');
    expect(auth.hasScopes('approve:timesheets')).toBe(true);
    expect(auth.hasScopes('read:users')).toBe(false);
    expect(auth.accessToken()).toContain('.');
  });

  it('stays signed out without tokens and starts the code flow once, with the return path', async () => {
    const { auth, oauth } = setup(false);
    await auth.init();
    expect(auth.signedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    auth.login('/approvals');
    auth.login('/approvals');
    await Promise.resolve();
    await Promise.resolve();
    expect(oauth.initCodeFlow).toHaveBeenCalledTimes(1);
    expect(oauth.initCodeFlow).toHaveBeenCalledWith('/approvals');
  });

  it('uses the implicit flow when configured, without refresh', async () => {
    const { auth, oauth } = setup(true, 'implicit');
    await auth.init();
    expect(oauth.configure).toHaveBeenCalledWith(expect.objectContaining({ responseType: 'id_token token' }));
    expect(oauth.setupAutomaticSilentRefresh).not.toHaveBeenCalled();
    auth.login('//evil.example');
    await Promise.resolve();
    await Promise.resolve();
    expect(oauth.initImplicitFlow).toHaveBeenCalledWith('/');
  });

  it('refreshes without the scope parameter', () => {
    const { oauth, innerRefresh: original } = setup(true);
    oauth.scope = 'openid read:timesheets read:users';
    let scopeDuringRefresh: string | undefined;
    original.mockImplementation(() => {
      scopeDuringRefresh = oauth.scope;
      return Promise.resolve();
    });
    void (oauth as unknown as { refreshToken: () => Promise<void> }).refreshToken();
    expect(scopeDuringRefresh).toBe('');
    expect(oauth.scope).toBe('openid read:timesheets read:users');
  });

  it("refreshes with the scopes at a provider that names the API by them (Entra ID's api://…/ prefix)", () => {
    const { oauth, innerRefresh: original } = setup(true, 'code', 'api://timesheets-api/');
    oauth.scope = 'openid api://timesheets-api/read:timesheets';
    let scopeDuringRefresh: string | undefined;
    original.mockImplementation(() => {
      scopeDuringRefresh = oauth.scope;
      return Promise.resolve();
    });
    void (oauth as unknown as { refreshToken: () => Promise<void> }).refreshToken();
    expect(scopeDuringRefresh).toBe('openid api://timesheets-api/read:timesheets');
  });

  it('signs out: revokes refresh and access token, then ends the provider session', async () => {
    const { auth, oauth } = setup(true);
    const fetchMock = jest.fn().mockResolvedValue({ ok: true });
    (globalThis as { fetch: unknown }).fetch = fetchMock;
    await auth.logout();
    const bodies = fetchMock.mock.calls.map((c) => String((c[1] as { body: URLSearchParams }).body));
    expect(bodies[0]).toContain('token_type_hint=refresh_token');
    expect(bodies[1]).toContain('token_type_hint=access_token');
    expect(bodies.every((b) => b.includes('client_id=timesheets-spa') && !b.includes('audience'))).toBe(true);
    expect(oauth.logOut).toHaveBeenCalled();
  });

  it('keeps the app usable when the provider is down', async () => {
    const { auth, oauth } = setup(false);
    oauth.loadDiscoveryDocumentAndTryLogin.mockRejectedValue(new Error('down'));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.signedIn()).toBe(false);
    expect(auth.error()).toMatch(/could not be reached/);
  });

  it('says so when the discovery document fails validation (Entra ID with strict validation)', async () => {
    const { auth, oauth } = setup(false);
    oauth.loadDiscoveryDocumentAndTryLogin.mockRejectedValue('discovery_document_validation_error');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.error()).toBe(
      'The sign-in service at http://idp.test describes itself with endpoints this application does not trust ' +
        '(see strictDiscoveryValidation in config.json).',
    );
  });
});
