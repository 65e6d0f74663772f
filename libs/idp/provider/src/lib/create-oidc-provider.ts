import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ALL_SCOPES, BLOCKED_ACCOUNT_DESCRIPTION, type PolicyResponse } from '@timesheets/contracts';
import { AccountStore, createOidcAdapterClass, type AccountEntity, type PrivateJwk } from '@timesheets/idp-data-access';
import type { IdpConfig } from './idp-config';
import { loadOidcProvider } from './load-oidc-provider';
import type { OidcClient, OidcContext, OidcProvider } from './oidc-types';
import { grantableMachineScopes, machineClientAdapter, MachineClients } from './machine-clients';
import { PAGE_TEXT, pageLanguage, type PageText } from './page-text';
import { logoutPage, logoutProceedPage, messageFor, messagePage, PRODUCT_NAME, type RenderedPage } from './pages';
import { PolicyClient, policyRequestFor } from './policy-client';
import { replayRefusingAdapter } from './replay-refusing-adapter';
import { OIDC_SCOPES, permittedApiScopes } from './scopes';
import { inProcessSigningKeys, signsInProcess } from './signing';

export interface OidcProviderDeps {
  dataSource: DataSource;
  accounts: AccountStore;
  policy: PolicyClient;
  signingKeys: PrivateJwk[];
  /** Sign in the event loop's thread instead of WebCrypto's thread pool (default: when the process has one CPU). */
  signInProcess?: boolean;
}

const logger = new Logger('OidcProvider');

/** A refresh token chain's absolute lifetime (rotation keeps the first token's), and a grant's. */
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
const AUTHORIZATION_ROUTES = new Set(['authorization', 'resume']);
const POLICY_ROUTES = new Set(['token', ...AUTHORIZATION_ROUTES]);

/** First-party clients skip consent; everything from THIRD_PARTY_CLIENTS sees it. */
export function isFirstParty(config: IdpConfig, clientId: string): boolean {
  return clientId === config.spa.clientId;
}

/**
 * RP-Initiated Logout 1.0 §2: the provider must ask unless the request carries an ID token it issued that belongs to
 * the current session. Without asking only for the SPA's own ID token (oidc-provider has verified its signature,
 * issuer and audience: `IdTokenHint`) naming the user signed in here; anything else (no hint, another client's, a
 * previous user's) gets the confirmation page.
 */
export function logoutNeedsConfirmation(config: IdpConfig, ctx: OidcContext): boolean {
  const hint = ctx.oidc.entities?.IdTokenHint?.payload;
  const client = ctx.oidc.client;
  const accountId = ctx.oidc.session?.accountId;
  return !(hint && client && isFirstParty(config, client.clientId) && accountId && hint.sub === accountId);
}

/** Origins of every registered redirect URI: the login form's POST ends in a redirect to one of them (CSP form-action). */
export function redirectOrigins(config: IdpConfig): string[] {
  const uris = [
    ...config.spa.redirectUris,
    ...config.spa.postLogoutRedirectUris,
    ...config.thirdPartyClients.flatMap((c) => [...c.redirect_uris, ...(c.post_logout_redirect_uris ?? [])]),
  ];
  return [...new Set(uris.map((u) => new URL(u).origin))];
}

export function clientMetadata(config: IdpConfig): Record<string, unknown>[] {
  const { spa } = config;
  return [
    {
      client_id: spa.clientId,
      client_name: PRODUCT_NAME,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      redirect_uris: spa.redirectUris,
      post_logout_redirect_uris: spa.postLogoutRedirectUris,
      grant_types: ['authorization_code', 'refresh_token', ...(spa.implicitFlow ? ['implicit'] : [])],
      response_types: ['code', ...(spa.implicitFlow ? ['id_token token'] : [])],
      // The SPA's ID tokens are signed like its access tokens (ES256, see signing-keys.ts: a refresh grant signs both);
      // other clients get OpenID Connect's default, RS256, unless they register another.
      id_token_signed_response_alg: 'ES256',
    },
    ...config.thirdPartyClients.map((c) => ({
      ...c,
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
  ];
}

function send(ctx: OidcContext, page: RenderedPage): void {
  ctx.status = page.status;
  ctx.type = 'html';
  ctx.set('content-security-policy', page.csp);
  ctx.set('cache-control', 'no-store');
  ctx.body = page.html;
}

/**
 * Builds the oidc-provider instance: clients from configuration, storage on the database adapter, signing keys from
 * the database, JWT access tokens for the API whose scope is requested ∩ the user's permissions at issuance time.
 */
export async function createOidcProvider(config: IdpConfig, deps: OidcProviderDeps): Promise<OidcProvider> {
  const oidc = await loadOidcProvider();
  const { default: Provider, errors } = oidc;
  const { accounts, policy } = deps;
  const signInProcess = deps.signInProcess ?? signsInProcess();

  // One policy answer per request: findAccount and getResourceServerInfo both need it at the token endpoint.
  const policyByRequest = new WeakMap<object, Promise<PolicyResponse>>();
  const policyFor = (ctx: OidcContext, account: AccountEntity): Promise<PolicyResponse> => {
    let answer = policyByRequest.get(ctx);
    if (!answer) {
      answer = policy.evaluate(policyRequestFor(account, config.issuer, ctx.oidc.client?.clientId ?? null));
      // Fail closed: a policy failure becomes server_error, never a token with unchecked scopes.
      answer.catch((err: Error) => logger.error(`policy check failed for ${account.id}: ${err.message}`));
      policyByRequest.set(ctx, answer);
    }
    return answer;
  };

  // One account read per request too (findAccount, then getResourceServerInfo for the same subject).
  const accountByRequest = new WeakMap<object, { id: string; account: Promise<AccountEntity | null> }>();
  const accountFor = (ctx: OidcContext, id: string): Promise<AccountEntity | null> => {
    const known = accountByRequest.get(ctx);
    if (known?.id === id) return known.account;
    const account = accounts.findById(id);
    accountByRequest.set(ctx, { id, account });
    return account;
  };

  const findAccount = async (ctx: OidcContext, sub: string) => {
    const account = await accountFor(ctx, sub);
    if (!account) return undefined;
    // Blocked here or in the API: no tokens (invalid_grant at the token endpoint), and a session signed in before
    // the block ends in access_denied (oidc-provider cannot treat a session account as absent).
    const blocked = account.blocked || (POLICY_ROUTES.has(ctx.oidc.route) && (await policyFor(ctx, account)).blocked);
    if (blocked) {
      if (AUTHORIZATION_ROUTES.has(ctx.oidc.route)) throw new errors.AccessDenied(BLOCKED_ACCOUNT_DESCRIPTION);
      return undefined;
    }
    return {
      accountId: account.id,
      // email_verified says true only for an account whose email an administrator vouched for.
      claims: async () => ({
        sub: account.id,
        email: account.email,
        email_verified: account.emailVerified,
        name: account.name,
      }),
    };
  };

  const machineClients = new MachineClients(policy);

  /** A machine client's token: requested ∩ what the API allows it now, machine scopes only; nothing is refused. */
  const clientCredentialsServerInfo = async (ctx: OidcContext) => {
    const requested = String(ctx.oidc.params?.['scope'] ?? '').split(' ');
    const scope = grantableMachineScopes(requested, await machineClients.allowedScopes(ctx));
    if (scope.length === 0) {
      throw new errors.InvalidScope('request one or more of the scopes this client is allowed', requested.join(' '));
    }
    return {
      audience: config.apiAudience,
      scope: scope.join(' '),
      accessTokenFormat: 'jwt',
      accessTokenTTL: config.clientTokenTtl,
      jwt: { sign: { alg: 'ES256' } },
    };
  };

  const getResourceServerInfo = async (ctx: OidcContext, indicator: string) => {
    if (indicator !== config.apiAudience) throw new errors.InvalidTarget();
    if (ctx.oidc.route === 'token' && ctx.oidc.params?.['grant_type'] === 'client_credentials') {
      return clientCredentialsServerInfo(ctx);
    }
    let scope: readonly string[] = ALL_SCOPES;
    // Once the user is known only their current permissions are grantable: at the token endpoint (the account of the
    // code or refresh token) and at the authorization endpoint after login (the session's account), which is where
    // the consent check and implicit-flow access tokens read the resource server's scopes.
    const accountId =
      ctx.oidc.account?.accountId ??
      (AUTHORIZATION_ROUTES.has(ctx.oidc.route) ? ctx.oidc.session?.accountId : undefined);
    if (accountId) {
      const account = await accountFor(ctx, accountId);
      if (!account) throw new errors.InvalidGrant('account not found');
      const answer = await policyFor(ctx, account);
      if (answer.blocked) {
        throw AUTHORIZATION_ROUTES.has(ctx.oidc.route)
          ? new errors.AccessDenied(BLOCKED_ACCOUNT_DESCRIPTION)
          : new errors.InvalidGrant(BLOCKED_ACCOUNT_DESCRIPTION);
      }
      scope = permittedApiScopes(answer.permissions);
    }
    return {
      audience: config.apiAudience,
      scope: scope.join(' '),
      accessTokenFormat: 'jwt',
      accessTokenTTL: config.accessTokenTtl,
      // ES256: signed on every refresh, about 8x cheaper than RS256 (signing-keys.ts).
      jwt: { sign: { alg: 'ES256' } },
    };
  };

  const formTargets = redirectOrigins(config);

  const provider = new Provider(config.issuer, {
    adapter: machineClientAdapter(
      replayRefusingAdapter(createOidcAdapterClass(deps.dataSource), errors.InvalidGrant),
      machineClients,
    ),
    clients: clientMetadata(config),
    clientBasedCORS: (_ctx: OidcContext, origin: string, client: OidcClient) =>
      client.clientAuthMethod === 'none' && client.redirectUris.some((u) => new URL(u).origin === origin),
    cookies: { keys: config.cookieKeys },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token from the code flow carries email and name too, not only the userinfo response.
    conformIdTokenClaims: false,
    scopes: [...OIDC_SCOPES],
    features: {
      devInteractions: { enabled: false },
      // Machine clients registered in the API (see MachineClients): no user, the API as audience, short-lived.
      clientCredentials: { enabled: true },
      // Only for the in-process keys below (signing.ts); the version is acknowledged, oidc-provider is pinned.
      externalSigningSupport: { enabled: signInProcess, ack: 'experimental-01' },
      // Only the client a token was issued to may revoke it.
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: OidcContext, client: OidcClient, token: { clientId?: string }) =>
          token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: OidcContext, form: string) => {
          const t = textOf(ctx);
          send(
            ctx,
            logoutNeedsConfirmation(config, ctx)
              ? logoutPage(form, formTargets, t)
              : logoutProceedPage(form, formTargets, t),
          );
        },
        postLogoutSuccessSource: async (ctx: OidcContext) => {
          const t = textOf(ctx);
          send(ctx, messageFor(200, t.signOut.done, t.lang));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => config.apiAudience,
        useGrantedResource: async () => true,
        getResourceServerInfo,
      },
    },
    findAccount,
    interactions: { url: async (_ctx: OidcContext, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // The SPA always gets a refresh token (rotated on every use); other clients only with offline_access.
    issueRefreshToken: async (_ctx: OidcContext, client: OidcClient, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') &&
      (isFirstParty(config, client.clientId) || code.scopes.has('offline_access')),
    rotateRefreshToken: true,
    jwks: { keys: signInProcess ? inProcessSigningKeys(oidc, deps.signingKeys) : deps.signingKeys },
    pkce: { required: () => true },
    responseTypes: config.spa.implicitFlow ? ['code', 'id_token token'] : ['code'],
    renderError: async (ctx: OidcContext, out: { error?: string; error_description?: string }) => {
      const t = textOf(ctx);
      const message =
        out.error === 'server_error'
          ? t.messages.unavailable.text
          : `${out.error ?? 'error'}: ${out.error_description ?? 'the request could not be processed'}`;
      send(ctx, messagePage(ctx.status >= 400 ? ctx.status : 400, t.messages.failed.title, message, t.lang));
    },
    ttl: {
      AccessToken: config.accessTokenTtl,
      ClientCredentials: config.clientTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 15 * 60,
      Session: 12 * 60 * 60,
      Grant: REFRESH_TOKEN_TTL_SECONDS,
      RefreshToken: (ctx: { oidc?: { entities?: { RotatedRefreshToken?: { remainingTTL: number } } } }) =>
        // Rotation keeps the absolute lifetime of the first refresh token: 14 days, not 14 days per use.
        ctx?.oidc?.entities?.RotatedRefreshToken?.remainingTTL ?? REFRESH_TOKEN_TTL_SECONDS,
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'ES256'] },
  });

  provider.use(machineClients.middleware);
  if (config.spa.implicitFlow) allowLocalImplicit(provider, config);
  provider.on('server_error', (_ctx: unknown, err: unknown) =>
    logger.error(`server_error: ${(err as Error)?.message}`),
  );
  return provider;
}

/**
 * oidc-provider refuses implicit-flow web clients with http or localhost redirect URIs. SPA_IMPLICIT_FLOW is a
 * development switch: loadIdpConfig only accepts it when every http redirect URI is a loopback one, and the override
 * below applies to the SPA client only.
 */
function allowLocalImplicit(provider: OidcProvider, config: IdpConfig): void {
  const proto = provider.Client.Schema.prototype;
  const original = proto.invalidate;
  proto.invalidate = function (this: { client_id?: string }, message: string, code?: string) {
    if (
      this.client_id === config.spa.clientId &&
      (code === 'implicit-force-https' || code === 'implicit-forbid-localhost')
    ) {
      return;
    }
    original.call(this, message, code);
  };
}

/** The pages' texts in the request's language: its `ui_locales` (end_session), else the browser's. */
function textOf(ctx: OidcContext): PageText {
  const accept = ctx.headers?.['accept-language'];
  return PAGE_TEXT[pageLanguage(ctx.oidc?.params?.['ui_locales'], typeof accept === 'string' ? accept : undefined)];
}
