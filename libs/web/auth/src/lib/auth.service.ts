import {
  EnvironmentInjector,
  Injectable,
  LOCALE_ID,
  computed,
  createEnvironmentInjector,
  inject,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import type { OAuthEvent, OAuthService } from 'angular-oauth2-oidc';
import type { WebRuntimeConfig } from '@timesheets/contracts/scopes';
import { grantedScopesFrom } from './granted-scopes';
import { buildAuthConfig } from './oidc-config';
import { RuntimeConfigService } from './runtime-config';
import { SignInProblem, signInProblemFromLoginFailure, withoutAuthorizationResponse } from './sign-in-problem';

export interface UserClaims {
  sub: string;
  name: string | null;
  email: string | null;
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
 * What the landing page says when the provider's discovery document could not be loaded: unreachable, or refused by
 * the validation (an issuer other than the configured one; with strict validation, an endpoint outside the issuer).
 */
export function startProblem(issuer: string | undefined, error: unknown): SignInProblem {
  return { kind: error === 'discovery_document_validation_error' ? 'untrusted' : 'unreachable', issuer };
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
  private readonly locale = inject(LOCALE_ID);

  private readonly state = signal<{ signedIn: boolean; scopes: string[]; claims: UserClaims | null }>({
    signedIn: false,
    scopes: [],
    claims: null,
  });
  private readonly problem = signal<SignInProblem | null>(null);

  /** Scopes the API refused although the token lists them (until the next sign-in): treated as not granted. */
  private readonly withdrawn = signal<ReadonlySet<string>>(new Set());
  /** Scopes the user had and lost while signed in, for the "your permissions have changed" notice. */
  private readonly lost = signal<readonly string[]>([]);
  private narrowing: Promise<boolean> | null = null;
  /** Access tokens a refresh for a refused scope started from or produced: one refresh per token, never a loop. */
  private readonly refreshedTokens = new Set<string>();

  readonly signedIn = computed(() => this.state().signedIn);
  readonly grantedScopes = computed(() => {
    const withdrawn = this.withdrawn();
    return new Set(this.state().scopes.filter((s) => !withdrawn.has(s)));
  });
  /** What the user could do when the page started and can no longer do (scope names: show their descriptions). */
  readonly lostScopes = this.lost.asReadonly();
  readonly user = computed(() => this.state().claims);
  /** Why the last sign-in did not complete (cancelled, refused, provider unreachable…); the landing page says it. */
  readonly signInProblem = this.problem.asReadonly();

  /**
   * angular-oauth2-oidc sends the configured `scope` with every refresh; providers refuse a refresh asking for more
   * than the original grant (all scopes are requested, fewer granted). Without `scope` the refresh gets the grant's
   * scopes, narrowed by the provider to the user's current permissions. A provider that names the API by its scopes
   * (a `scopePrefix`: Entra ID, whose refresh tokens serve any API the user consented to) needs them on the refresh
   * too; it grants the same scopes to every user, and the roles claim narrows them.
   */
  private refreshWithoutScope(oauth: OAuthService): void {
    const original = oauth.refreshToken.bind(oauth);
    oauth.refreshToken = () => {
      if (this.runtime.config()?.scopePrefix) return original();
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
    this.oauth.configure(buildAuthConfig(cfg, window.location.origin, this.locale));
    this.oauth.events.subscribe((e) => this.onEvent(e));
    try {
      await this.oauth.loadDiscoveryDocument();
    } catch (e) {
      this.problem.set(startProblem(cfg.issuer, e));
      console.error('OIDC start failed', e);
    }
    if (this.oauth.discoveryDocumentLoaded) await this.completeSignIn(cfg.flow);
    this.refreshState();
    const target = returnPathFromState(this.oauth.state);
    if (this.signedIn() && target) {
      this.oauth.state = '';
      // Back from the provider: the router's first navigation (after this initializer) goes where the user was.
      window.history.replaceState(window.history.state, '', target);
    }
  }

  /**
   * Completes a sign-in the provider answered (code or error in the address), or resumes stored tokens. An error answer
   * (the user cancelled, the provider refused, a state not started here) becomes `signInProblem` and leaves the address
   * clean; it is an expected outcome, not a fault, so nothing is logged.
   */
  private async completeSignIn(flow: WebRuntimeConfig['flow']): Promise<void> {
    try {
      await this.oauth.tryLogin();
      if (this.oauth.hasValidAccessToken() && flow === 'code') {
        this.oauth.setupAutomaticSilentRefresh();
      } else if (!this.oauth.hasValidAccessToken() && this.oauth.getRefreshToken()) {
        // Reloaded after the access token expired: one refresh before giving up.
        await this.oauth.refreshToken().catch(() => this.oauth.logOut(true));
        if (this.oauth.hasValidAccessToken()) this.oauth.setupAutomaticSilentRefresh();
      }
    } catch (failure) {
      this.problem.set({ kind: signInProblemFromLoginFailure(failure) });
      this.oauth.state = '';
      window.history.replaceState(window.history.state, '', withoutAuthorizationResponse(window.location.href));
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
      this.problem.set(null);
    } catch (e) {
      this.problem.set(startProblem(cfg?.issuer, e));
      return;
    }
    if (cfg?.flow === 'implicit') this.oauth.initImplicitFlow(safe);
    else this.oauth.initCodeFlow(safe);
  }

  /**
   * Revokes the refresh token at the revocation endpoint, then ends the provider session (end_session with
   * id_token_hint and post_logout_redirect_uri). The access token is not sent: a JWT access token cannot be revoked
   * (the embedded provider answers `unsupported_token_type`, by design) and simply expires; the implicit flow holds no
   * refresh token, so it revokes nothing. angular-oauth2-oidc's `revokeTokenAndLogout` is not used: it revokes the
   * access token too and adds the custom audience parameters to the revocation request.
   */
  async logout(): Promise<void> {
    const endpoint = this.oauth.revocationEndpoint;
    const refreshToken = this.oauth.getRefreshToken();
    if (endpoint && refreshToken) {
      // A refusal or a network failure must not keep the user signed in here: the session ends either way. The body
      // is read to the end, so that leaving the page does not abort the request halfway.
      await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          token: refreshToken,
          token_type_hint: 'refresh_token',
          client_id: this.oauth.clientId ?? '',
        }),
      })
        .then((res) => res.arrayBuffer())
        .catch(() => undefined);
    }
    // The provider's sign-out page speaks the SPA's language (`ui_locales`, OpenID Connect RP-Initiated Logout).
    this.oauth.logOut({ ui_locales: this.locale });
  }

  /**
   * Gets tokens that reflect the user's current roles. A refresh can only narrow the scopes of the original grant, so
   * this goes back to the provider (its session signs the user in without a password) for a fresh authorization.
   */
  async renew(): Promise<void> {
    this.login(this.router.url);
  }

  /**
   * The API answered 403 `insufficient_scope` for `required` to a request that carried `usedToken`: the user's roles
   * changed under the signed-in session. Once per access token, the grant is refreshed (code flow: the refresh token;
   * the provider narrows the new token to the user's current permissions; a token that came from such a refresh is not
   * refreshed again). What the API refused of the current token is withdrawn here even if no new token says so (the
   * implicit flow cannot refresh). Navigation and buttons follow `grantedScopes`; `lostScopes` lists what went away.
   * Refusals are handled one after the other, so concurrent ones share the first one's refresh. Resolves to true when
   * the granted scopes changed.
   */
  permissionsRefused(required: readonly string[], usedToken: string | null): Promise<boolean> {
    const run = async () => {
      const before = this.grantedScopes();
      const current = this.oauth.getAccessToken();
      if (!current || usedToken !== current) {
        // Refused with an older token: the newer one already reflects what changed.
        return false;
      }
      if (this.oauth.getRefreshToken() && !this.refreshedTokens.has(current)) {
        this.refreshedTokens.add(current);
        // A failed refresh (revoked meanwhile) signs out through the library's events; nothing to add here.
        await this.oauth.refreshToken().catch(() => undefined);
        const renewed = this.oauth.getAccessToken();
        if (renewed) this.refreshedTokens.add(renewed);
        this.refreshState();
      }
      if (this.oauth.getAccessToken() === current) {
        const stillListed = required.filter((s) => this.grantedScopes().has(s));
        if (stillListed.length) this.withdrawn.update((w) => new Set([...w, ...stillListed]));
      }
      const after = this.grantedScopes();
      const gone = [...before].filter((s) => !after.has(s));
      if (gone.length) this.lost.update((l) => [...new Set([...l, ...gone])]);
      return gone.length > 0;
    };
    const next = (this.narrowing ?? Promise.resolve(false)).then(run, run);
    this.narrowing = next.catch(() => false);
    return next;
  }

  /** The user has read the notice. */
  dismissLostScopes(): void {
    this.lost.set([]);
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
      scopes: signedIn ? grantedScopesFrom(this.oauth.getGrantedScopes(), token, this.runtime.config() ?? {}) : [],
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
