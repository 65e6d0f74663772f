import { EnvReader, type TrustProxy } from '@timesheets/server-config';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEFAULT_SPA_URL,
  isMachineClientId,
  POLICY_PATH,
  SPA_CLIENT_ID,
} from '@timesheets/contracts';

/** An extra (third-party) client: consent is shown to its users. Metadata as in RFC 7591. */
export interface ThirdPartyClientConfig {
  client_id: string;
  client_secret?: string;
  client_name?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post';
}

export interface IdpConfig {
  port: number;
  issuer: string;
  databaseUrl: string;
  /** The API's audience (resource indicator); access tokens for it are JWTs. */
  apiAudience: string;
  policyUrl: string;
  policyKey: string;
  policyTimeoutMs: number;
  spa: {
    clientId: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
    /** Also allow `id_token token` (the scenario's implicit flow). */
    implicitFlow: boolean;
  };
  cookieKeys: string[];
  demoPassword?: string;
  /** Seconds; 300..600. */
  accessTokenTtl: number;
  /** Lifetime of a machine client's access token (client credentials), seconds; 60..600. */
  clientTokenTtl: number;
  /** Password checks (scrypt, 128 MiB each) running at once in one instance; 1..16. */
  passwordCheckConcurrency: number;
  thirdPartyClients: ThirdPartyClientConfig[];
  /** Which peers may set X-Forwarded-* (client address for the login throttle, https for secure cookies). */
  trustProxy: TrustProxy;
  /** Bearer key for GET /metrics (Prometheus); metrics are off while unset. */
  metricsKey: string | undefined;
  production: boolean;
}

/** Used only outside production, so a local start needs no secrets. */
export const DEV_COOKIE_KEY = 'dev-only-cookie-key-do-not-use-in-production';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Reads and validates the provider's environment; throws a ConfigError naming every bad variable. */
export function loadIdpConfig(env: Readonly<Record<string, string | undefined>> = process.env): IdpConfig {
  const r = new EnvReader(env);
  const production = env['NODE_ENV'] === 'production';

  const issuer = r.url('ISSUER', DEFAULT_ISSUER);
  if (issuer && (/[?#]/.test(issuer) || issuer.endsWith('/'))) {
    r.problem(`ISSUER must not end with "/" or contain a query or fragment (got "${issuer}")`);
  }
  const apiAudience = r.string('API_AUDIENCE', DEFAULT_AUDIENCE);
  const defaultPolicyUrl = new URL(POLICY_PATH, 'http://localhost:3333').toString();

  const cookieKeys = r.list('COOKIE_KEYS', production ? [] : [DEV_COOKIE_KEY]);
  if (cookieKeys.length === 0) r.problem('COOKIE_KEYS is required in production (comma-separated secrets)');
  if (cookieKeys.some((k) => k.length < 32)) r.problem('COOKIE_KEYS entries must be at least 32 characters each');

  const demoPassword = r.optionalString('DEMO_PASSWORD');
  if (demoPassword !== undefined && production) {
    // Demo accounts with a shared, documented password have no place in production; accounts come from the tool.
    r.problem(
      'DEMO_PASSWORD must not be set in production (NODE_ENV=production); create accounts with tools/idp/accounts.ts',
    );
  } else if (demoPassword !== undefined && demoPassword.length < 8) {
    r.problem('DEMO_PASSWORD must be at least 8 characters');
  }

  const redirectUris = r.urlList('SPA_REDIRECT_URIS', [DEFAULT_SPA_URL]);
  const postLogoutRedirectUris = r.urlList('SPA_POST_LOGOUT_REDIRECT_URIS', [DEFAULT_SPA_URL]);
  const implicitFlow = r.bool('SPA_IMPLICIT_FLOW', false);
  if (implicitFlow) {
    // oidc-provider refuses implicit over http and on localhost; the override is granted for loopback URIs only.
    const offending = [...redirectUris, ...postLogoutRedirectUris].filter(
      (u) => u.startsWith('http:') && !isLoopbackUrl(u),
    );
    if (offending.length) {
      r.problem(
        `SPA_IMPLICIT_FLOW over http is only allowed for localhost redirect URIs (got ${offending.join(', ')})`,
      );
    }
  }

  // The process speaks plain HTTP: an https issuer means a TLS-terminating proxy in front, whose X-Forwarded-* must
  // be believed (secure cookies, and per-client login throttling rather than one bucket for the proxy's address).
  const trustProxy = r.trustProxy('TRUST_PROXY');
  if (issuer.startsWith('https:') && r.raw('TRUST_PROXY') === undefined) {
    r.problem(
      "TRUST_PROXY is required with an https ISSUER (a TLS-terminating proxy is in front): set the proxies' addresses or CIDRs (e.g. TRUST_PROXY=10.0.0.0/8), or the number of proxies in front when nothing else can reach this process (e.g. TRUST_PROXY=1)",
    );
  }

  const metricsKey = r.optionalString('METRICS_KEY');
  if (metricsKey !== undefined && metricsKey.length < 16) r.problem('METRICS_KEY must be at least 16 characters');

  const config: IdpConfig = {
    port: r.int('PORT', 3334, 1, 65535),
    issuer,
    databaseUrl: r.string('DATABASE_URL', 'sqlite:data/idp.sqlite'),
    apiAudience,
    policyUrl: r.url('POLICY_URL', defaultPolicyUrl),
    policyKey: r.secret('AUTHZ_POLICY_KEY', 16),
    policyTimeoutMs: r.int('POLICY_TIMEOUT_MS', 3000, 100, 30000),
    spa: { clientId: SPA_CLIENT_ID, redirectUris, postLogoutRedirectUris, implicitFlow },
    cookieKeys,
    demoPassword,
    accessTokenTtl: r.int('ACCESS_TOKEN_TTL', 600, 300, 600),
    clientTokenTtl: r.int('CLIENT_TOKEN_TTL', 300, 60, 600),
    passwordCheckConcurrency: r.int('LOGIN_CONCURRENCY', 2, 1, 16),
    thirdPartyClients: parseThirdPartyClients(r),
    trustProxy,
    metricsKey,
    production,
  };
  if (!/^sqlite:|^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    r.problem('DATABASE_URL must be sqlite:PATH, sqlite::memory: or postgres://...');
  }
  r.done();
  return config;
}

function parseThirdPartyClients(r: EnvReader): ThirdPartyClientConfig[] {
  const raw = r.optionalString('THIRD_PARTY_CLIENTS');
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    r.problem('THIRD_PARTY_CLIENTS must be a JSON array of client objects');
    return [];
  }
  if (!Array.isArray(parsed)) {
    r.problem('THIRD_PARTY_CLIENTS must be a JSON array of client objects');
    return [];
  }
  const clients: ThirdPartyClientConfig[] = [];
  parsed.forEach((item: unknown, i) => {
    const at = `THIRD_PARTY_CLIENTS[${i}]`;
    const c = (item ?? {}) as Record<string, unknown>;
    const id = c['client_id'];
    const uris = c['redirect_uris'];
    const secret = c['client_secret'];
    const logout = c['post_logout_redirect_uris'] ?? [];
    const isUrlArray = (v: unknown): v is string[] =>
      Array.isArray(v) && v.every((u) => typeof u === 'string' && /^https?:\/\//.test(u));
    if (typeof id !== 'string' || !id || id === SPA_CLIENT_ID || isMachineClientId(id)) {
      r.problem(`${at}.client_id must be a non-empty string other than ${SPA_CLIENT_ID} and not of the mc_ shape`);
      return;
    }
    if (!isUrlArray(uris) || uris.length === 0) return r.problem(`${at}.redirect_uris must be http(s) URLs`);
    if (!isUrlArray(logout)) return r.problem(`${at}.post_logout_redirect_uris must be http(s) URLs`);
    if (secret !== undefined && (typeof secret !== 'string' || secret.length < 32)) {
      return r.problem(`${at}.client_secret must be at least 32 characters`);
    }
    clients.push({
      client_id: id,
      client_name: typeof c['client_name'] === 'string' ? c['client_name'] : id,
      redirect_uris: uris,
      post_logout_redirect_uris: logout,
      ...(typeof secret === 'string'
        ? { client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' as const }
        : { token_endpoint_auth_method: 'none' as const }),
    });
  });
  return clients;
}
