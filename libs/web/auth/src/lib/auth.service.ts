import { EnvironmentInjector, Injectable, computed, createEnvironmentInjector, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthConfig, OAuthEvent, OAuthService } from 'angular-oauth2-oidc';
import { WebRuntimeConfig, parseScopeString } from '@timesheets/contracts';
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

/** The scopes the provider granted: the token response's `scope`, else the access token's claims. */
export function grantedScopesFrom(responseScopes: unknown, accessToken: string | null): string[] {
  if (Array.isArray(responseScopes)) return responseScopes.filter((s): s is string => typeof s === 'string');
  const payload = decodeJwtPayload(accessToken);
  if (!payload) return [];
  const fromScope = parseScopeString(payload['scope']);
  const perms = Array.isArray(payload['permissions'])
    ? (payload['permissions'] as unknown[]).filter((s): s is string => typeof s === 'string')
    : [];
  return [...new Set([...fromScope, ...perms])];
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
    const target = this.oauth.state ? decodeURIComponent(this.oauth.state) : '';
    if (this.signedIn() && target.startsWith('/') && !target.startsWith('//')) {
      this.oauth.state = '';
      // Navigate after the router's initial navigation has been scheduled.
      queueMicrotask(() => void this.router.navigateByUrl(target));
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
    if (cfg?.flow === 'implicit') this.oauth.initImplicitFlow(encodeURIComponent(safe));
    else this.oauth.initCodeFlow(encodeURIComponent(safe));
  }

  /** Revokes the refresh and access tokens, then ends the provider session (end_session with post_logout_redirect_uri). */
  async logout(): Promise<void> {
    try {
      await this.oauth.revokeTokenAndLogout();
    } catch {
      // Revocation failing must not keep the user signed in here.
      this.oauth.logOut();
    }
  }

  /** Forces a token refresh now (e.g. after an admin changed one's roles). */
  async renew(): Promise<void> {
    if (this.oauth.getRefreshToken()) await this.oauth.refreshToken();
    else this.login();
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
