import { EnvironmentInjector, Injectable, computed, createEnvironmentInjector, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthConfig, OAuthEvent, OAuthService } from 'angular-oauth2-oidc';
import { WebRuntimeConfig, parseScopeString } from '@timesheets/contracts/scopes';
import { RuntimeConfigService } from './runtime-config';

export interface UserClaims {
  sub: string;
  name: string | null;
  email: string | null;
}

/** Builds the angular-oauth2-oidc configuration from the run-time configuration. */
export function buildAuthConfig(cfg: WebRuntimeConfig, origin: string): AuthConfig {
  const redirectUri = origin.endsWith('/') ? origin : origin + '/';
  const implicit = cfg.flow === 'implicit';
  return {
    issuer: cfg.issuer,
    clientId: cfg.clientId,
    redirectUri,
    postLogoutRedirectUri: redirectUri,
    scope: cfg.scope,
    // Code flow with PKCE by default; the implicit flow only when config.json asks for it.
    responseType: implicit ? 'id_token token' : 'code',
    // Renewal: code flow uses the (rotated) refresh token; implicit uses no refresh token and simply
    // signs in again when the token runs out (no silent-refresh iframe is shipped).
    useSilentRefresh: false,
    timeoutFactor: 0.75,
    // The embedded provider takes the audience as RFC 8707 `resource`, Auth0 as `audience`. Each ignores the
    // parameter it does not know, so both are sent. angular-oauth2-oidc adds them to the authorize request, the
    // code exchange and every refresh, so renewed access tokens keep the API audience.
    customQueryParams: { resource: cfg.audience, audience: cfg.audience },
    requireHttps: 'remoteOnly',
    strictDiscoveryDocumentValidation: false,
    showDebugInformation: false,
    clearHashAfterLogin: true,
    sessionChecksEnabled: false,
  };
}

/** Decodes the payload of a JWT without verifying it: the API verifies; the SPA only reads it for display. */
export function decodeJwtPayload(token: string | null): Record<string, unknown> | null {
  if (!token) return null;
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const obj: unknown = JSON.parse(decodeURIComponent(escape(json)));
    return obj && typeof obj === 'object' ? (obj as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The in-app path carried through the provider in `state` (URL-encoded by angular-oauth2-oidc), or '' if unsafe. */
export function returnPathFromState(state: string | undefined | null): string {
  let path = state ?? '';
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(path); i++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return '';
    }
  }
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '';
}

/**
 * The scopes granted to the current access token. A JWT access token's own `scope` (RFC 9068, Keycloak) and
 * `permissions` (Auth0) claims come first: they are what the API enforces. Otherwise (opaque token) the token
 * response's `scope`, as angular-oauth2-oidc's `getGrantedScopes()` keeps it. (In the implicit flow the provider may
 * echo the grant's scope in the fragment, wider than the token after a role was taken away.)
 */
export function grantedScopesFrom(responseScopes: unknown, accessToken: string | null): string[] {
  const payload = decodeJwtPayload(accessToken);
  if (payload && (typeof payload['scope'] === 'string' || Array.isArray(payload['permissions']))) {
    const fromScope = parseScopeString(payload['scope']);
    const perms = Array.isArray(payload['permissions'])
      ? (payload['permissions'] as unknown[]).filter((s): s is string => typeof s === 'string')
      : [];
    return [...new Set([...fromScope, ...perms])];
  }
  if (Array.isArray(responseScopes)) {
    // The implicit flow's fragment is form-encoded (`scope=a+b`) and angular-oauth2-oidc keeps the `+`; no scope
    // name contains one, so it is read as the separator.
    const list = responseScopes.filter((s): s is string => typeof s === 'string').flatMap((s) => s.split('+'));
    return [...new Set(list.filter((s) => s.length > 0))];
  }
  return [];
}

/**
 * Where tokens live: sessionStorage. It survives a reload within the tab (the user stays signed in), is not
 * shared with other tabs and is gone when the tab closes, unlike localStorage, which persists on disk and is
 * readable by every tab of the origin. Any script on the origin can still read it, hence the strict CSP.
 */
export function tokenStorageFactory(): Storage {
  return sessionStorage;
}

/**
 * Sign-in state as signals, over angular-oauth2-oidc. The library is imported dynamically, in parallel with
 * `/config.json`, so it is not part of the initial bundle yet is ready before the first navigation.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private oauthService: OAuthService | null = null;
  private redirecting = false;
  private readonly envInjector = inject(EnvironmentInjector);
  private readonly router = inject(Router);
  private readonly runtime = inject(RuntimeConfigService);

  private readonly state = signal<{ signedIn: boolean; scopes: string[]; claims: UserClaims | null }>({
    signedIn: false,
    scopes: [],
    claims: null,
  });
  private readonly initError = signal<string | null>(null);

  readonly signedIn = computed(() => this.state().signedIn);
  readonly grantedScopes = computed(() => new Set(this.state().scopes));
  readonly user = computed(() => this.state().claims);
  /** Set when the provider could not be reached at start (the landing page shows it). */
  readonly error = this.initError.asReadonly();

  /**
   * angular-oauth2-oidc sends the configured `scope` with every refresh; providers refuse a refresh asking for more
   * than the original grant (all scopes are requested, fewer granted). Without `scope` the refresh gets the grant's
   * scopes, narrowed by the provider to the user's current permissions.
   */
  private refreshWithoutScope(oauth: OAuthService): void {
    const original = oauth.refreshToken.bind(oauth);
    oauth.refreshToken = () => {
      const scope = oauth.scope;
      oauth.scope = '';
      try {
        return original(); // reads `scope` synchronously when it builds the request
      } finally {
        oauth.scope = scope;
      }
    };
  }

  private get oauth(): OAuthService {
    if (!this.oauthService) throw new Error('AuthService.load() has not completed');
    return this.oauthService;
  }

  /** Loads angular-oauth2-oidc and creates its service (with sessionStorage as token storage). */
  async load(): Promise<void> {
    if (this.oauthService) return;
    const lib = await import('angular-oauth2-oidc');
    const injector = createEnvironmentInjector(
      [lib.provideOAuthClient(), { provide: lib.OAuthStorage, useFactory: tokenStorageFactory }],
      this.envInjector,
    );
    this.oauthService = injector.get(lib.OAuthService);
    this.refreshWithoutScope(this.oauthService);
  }

  /** Called once before the first navigation (app initializer), after load(). Never throws: a dead provider leaves us signed out. */
  async init(): Promise<void> {
    const cfg = this.runtime.config();
    if (!cfg) throw new Error('Runtime configuration not loaded');
    this.oauth.configure(buildAuthConfig(cfg, window.location.origin));
    this.oauth.events.subscribe((e) => this.onEvent(e));
    try {
      await this.oauth.loadDiscoveryDocumentAndTryLogin();
      if (this.oauth.hasValidAccessToken() && cfg.flow === 'code') {
        this.oauth.setupAutomaticSilentRefresh();
      } else if (!this.oauth.hasValidAccessToken() && this.oauth.getRefreshToken()) {
        // Reloaded after the access token expired: one refresh before giving up.
        await this.oauth.refreshToken().catch(() => this.oauth.logOut(true));
        if (this.oauth.hasValidAccessToken()) this.oauth.setupAutomaticSilentRefresh();
      }
    } catch (e) {
      this.initError.set(`The sign-in service at ${cfg.issuer} could not be reached.`);
      console.error('OIDC start failed', e);
    }
    this.refreshState();
    const target = returnPathFromState(this.oauth.state);
    if (this.signedIn() && target) {
      this.oauth.state = '';
      // Back from the provider: the router's first navigation (after this initializer) goes where the user was.
      window.history.replaceState(window.history.state, '', target);
    }
  }

  hasScopes(...scopes: string[]): boolean {
    const granted = this.grantedScopes();
    return scopes.every((s) => granted.has(s));
  }

  hasAnyScope(...scopes: string[]): boolean {
    const granted = this.grantedScopes();
    return scopes.some((s) => granted.has(s));
  }

  accessToken(): string | null {
    if (!this.oauthService) return null;
    return this.oauth.hasValidAccessToken() ? this.oauth.getAccessToken() : null;
  }

  /** Starts sign-in at the provider; `returnUrl` comes back as `state`. */
  login(returnUrl = this.router.url): void {
    // Several 401s at once must not start several flows: each would overwrite the PKCE verifier and nonce.
    if (this.redirecting) return;
    this.redirecting = true;
    void this.startLogin(returnUrl).finally(() => setTimeout(() => (this.redirecting = false), 3000));
  }

  private async startLogin(returnUrl: string): Promise<void> {
    const cfg = this.runtime.config();
    const safe = returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/';
    try {
      // The provider may have been down at start; try its discovery document again.
      if (!this.oauth.discoveryDocumentLoaded) await this.oauth.loadDiscoveryDocument();
      this.initError.set(null);
    } catch {
      this.initError.set(`The sign-in service at ${cfg?.issuer} could not be reached.`);
      return;
    }
    if (cfg?.flow === 'implicit') this.oauth.initImplicitFlow(safe);
    else this.oauth.initCodeFlow(safe);
  }

  /**
   * Revokes the refresh token (and, where the provider allows it, the access token) at the revocation endpoint, then
   * ends the provider session (end_session with id_token_hint and post_logout_redirect_uri). angular-oauth2-oidc's
   * `revokeTokenAndLogout` is not used: it adds the custom audience parameters to the revocation request and stops at
   * the first refusal (providers may refuse to revoke JWT access tokens), which would leave the refresh token alive.
   */
  async logout(): Promise<void> {
    const endpoint = this.oauth.revocationEndpoint;
    const tokens: [string | null, string][] = [
      [this.oauth.getRefreshToken(), 'refresh_token'],
      [this.oauth.getAccessToken(), 'access_token'],
    ];
    if (endpoint) {
      await Promise.allSettled(
        tokens
          .filter((t): t is [string, string] => !!t[0])
          .map(([token, hint]) =>
            fetch(endpoint, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ token, token_type_hint: hint, client_id: this.oauth.clientId ?? '' }),
            }),
          ),
      );
    }
    this.oauth.logOut();
  }

  /**
   * Gets tokens that reflect the user's current roles. A refresh can only narrow the scopes of the original grant, so
   * this goes back to the provider (its session signs the user in without a password) for a fresh authorization.
   */
  async renew(): Promise<void> {
    this.login(this.router.url);
  }

  private onEvent(e: OAuthEvent): void {
    switch (e.type) {
      case 'token_received':
      case 'token_refreshed':
      case 'logout':
      case 'session_terminated':
      case 'token_expires':
        this.refreshState();
        break;
      case 'token_refresh_error':
      case 'token_error':
        // The refresh token was revoked or rotated elsewhere: treat as signed out.
        this.refreshState();
        break;
    }
  }

  private refreshState(): void {
    const signedIn = this.oauth.hasValidAccessToken();
    const token = this.oauth.getAccessToken();
    const claims = this.oauth.getIdentityClaims() as Record<string, unknown> | null;
    this.state.set({
      signedIn,
      scopes: signedIn ? grantedScopesFrom(this.oauth.getGrantedScopes(), token) : [],
      claims:
        signedIn && claims
          ? {
              sub: String(claims['sub'] ?? ''),
              name: typeof claims['name'] === 'string' ? claims['name'] : null,
              email: typeof claims['email'] === 'string' ? claims['email'] : null,
            }
          : null,
    });
  }
}
