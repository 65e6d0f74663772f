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
    loadDiscoveryDocument: jest.fn().mockResolvedValue({}),
    tryLogin: jest.fn().mockResolvedValue(true),
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
  afterEach(() => jest.restoreAllMocks());
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

  it('signs out: revokes the refresh token only (a JWT access token cannot be revoked), then ends the provider session', async () => {
    const { auth, oauth } = setup(true);
    const fetchMock = jest.fn().mockResolvedValue({ ok: true, arrayBuffer: async () => new ArrayBuffer(0) });
    (globalThis as { fetch: unknown }).fetch = fetchMock;
    await auth.logout();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const body = String((fetchMock.mock.calls[0][1] as { body: URLSearchParams }).body);
    expect(body).toContain('token_type_hint=refresh_token');
    expect(body).toContain('token=rt');
    expect(body).toContain('client_id=timesheets-spa');
    expect(body).not.toContain('audience');
    expect(oauth.logOut).toHaveBeenCalled();
  });

  it('signs out without any revocation request when there is no refresh token (implicit flow)', async () => {
    const { auth, oauth } = setup(true, 'implicit');
    oauth.getRefreshToken.mockReturnValue(null);
    const fetchMock = jest.fn();
    (globalThis as { fetch: unknown }).fetch = fetchMock;
    await auth.logout();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(oauth.logOut).toHaveBeenCalled();
  });

  it('still ends the session when the revocation request fails', async () => {
    const { auth, oauth } = setup(true);
    (globalThis as { fetch: unknown }).fetch = jest.fn().mockRejectedValue(new TypeError('network'));
    await auth.logout();
    expect(oauth.logOut).toHaveBeenCalled();
  });

  it('keeps the app usable when the provider is down', async () => {
    const { auth, oauth } = setup(false);
    oauth.discoveryDocumentLoaded = false;
    oauth.loadDiscoveryDocument.mockRejectedValue(new Error('down'));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.signedIn()).toBe(false);
    expect(auth.signInProblem()).toEqual({ kind: 'unreachable', issuer: 'http://idp.test' });
    expect(oauth.tryLogin).not.toHaveBeenCalled();
  });

  it.each([
    [
      { type: 'code_error', params: { error: 'access_denied', error_description: 'End-User aborted interaction' } },
      'cancelled',
    ],
    [{ type: 'token_error', params: { error: 'login_required' } }, 'login_required'],
    [{ type: 'invalid_nonce_in_state', params: null }, 'state_mismatch'],
    [{ status: 400, error: { error: 'invalid_grant' } }, 'failed'],
  ])('turns a sign-in answered with %j into "%s", cleans the address and logs nothing', async (failure, kind) => {
    const { auth, oauth } = setup(false);
    window.history.replaceState(
      null,
      '',
      '/?error=access_denied&error_description=End-User%20aborted&iss=http%3A%2F%2Fidp.test&keep=1#x',
    );
    oauth.tryLogin.mockRejectedValue(failure);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.signedIn()).toBe(false);
    expect(auth.signInProblem()).toEqual({ kind });
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/?keep=1#x');
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('forgets the problem when the user signs in again', async () => {
    const { auth, oauth } = setup(false);
    oauth.tryLogin.mockRejectedValue({ type: 'code_error', params: { error: 'access_denied' } });
    await auth.init();
    expect(auth.signInProblem()?.kind).toBe('cancelled');
    auth.login('/');
    await Promise.resolve();
    await Promise.resolve();
    expect(auth.signInProblem()).toBeNull();
    expect(oauth.initCodeFlow).toHaveBeenCalledWith('/');
  });

  it('says so when the discovery document fails validation (Entra ID with strict validation)', async () => {
    const { auth, oauth } = setup(false);
    oauth.discoveryDocumentLoaded = false;
    oauth.loadDiscoveryDocument.mockRejectedValue('discovery_document_validation_error');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await auth.init();
    expect(auth.signInProblem()).toEqual({ kind: 'untrusted', issuer: 'http://idp.test' });
  });

  describe('when the API refuses a scope the token lists (roles changed while signed in)', () => {
    const token = (scope: string) => jwt({ scope, n: Math.random() });

    it('refreshes the grant once and reports what the user can no longer do', async () => {
      const { auth, oauth, innerRefresh } = setup(true);
      let current = token('read:timesheets approve:timesheets');
      oauth.getAccessToken.mockImplementation(() => current);
      await auth.init();
      expect(auth.hasScopes('approve:timesheets')).toBe(true);
      innerRefresh.mockImplementation(async () => {
        current = token('read:timesheets');
      });
      const used = current;
      const [first, second] = await Promise.all([
        auth.permissionsRefused(['approve:timesheets'], used),
        auth.permissionsRefused(['approve:timesheets'], used),
      ]);
      expect(first).toBe(true);
      expect(second).toBe(false);
      expect(innerRefresh).toHaveBeenCalledTimes(1);
      expect(auth.hasScopes('approve:timesheets')).toBe(false);
      expect(auth.hasScopes('read:timesheets')).toBe(true);
      expect(auth.lostScopes()).toEqual(['approve:timesheets']);
      auth.dismissLostScopes();
      expect(auth.lostScopes()).toEqual([]);
    });

    it('withdraws what the API still refuses after the one refresh, without refreshing again', async () => {
      const { auth, oauth, innerRefresh } = setup(true);
      let current = token('read:timesheets approve:timesheets');
      oauth.getAccessToken.mockImplementation(() => current);
      innerRefresh.mockImplementation(async () => {
        current = token('read:timesheets approve:timesheets');
      });
      await auth.init();
      // The provider granted it again: the refusal may have been the API's view catching up; nothing changes yet.
      expect(await auth.permissionsRefused(['approve:timesheets'], current)).toBe(false);
      expect(auth.hasScopes('approve:timesheets')).toBe(true);
      // The refreshed token is refused too: no second refresh; the scope is withdrawn here.
      expect(await auth.permissionsRefused(['approve:timesheets'], current)).toBe(true);
      expect(innerRefresh).toHaveBeenCalledTimes(1);
      expect(auth.hasScopes('approve:timesheets')).toBe(false);
      expect(auth.lostScopes()).toEqual(['approve:timesheets']);
    });

    it('withdraws without a refresh token (implicit flow)', async () => {
      const { auth, oauth, innerRefresh } = setup(true, 'implicit');
      oauth.getRefreshToken.mockReturnValue(null);
      await auth.init();
      expect(await auth.permissionsRefused(['approve:timesheets'], oauth.getAccessToken())).toBe(true);
      expect(innerRefresh).not.toHaveBeenCalled();
      expect(auth.hasScopes('approve:timesheets')).toBe(false);
      expect(auth.lostScopes()).toEqual(['approve:timesheets']);
    });

    it('ignores a refusal of an older token', async () => {
      const { auth, oauth, innerRefresh } = setup(true);
      await auth.init();
      expect(await auth.permissionsRefused(['approve:timesheets'], 'an-older-token')).toBe(false);
      expect(innerRefresh).not.toHaveBeenCalled();
      expect(auth.hasScopes('approve:timesheets')).toBe(true);
      expect(oauth.refreshToken).toBeDefined();
    });
  });
});
