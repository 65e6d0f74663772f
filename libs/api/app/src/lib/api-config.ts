import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  ImportLimits,
  isValidWeekHours,
  MachineClientLimits,
  ReportLimits,
} from '@timesheets/contracts';
import { EnvReader, type TrustProxy } from '@timesheets/server-config';
import { parseDatabaseUrl } from '@timesheets/server-core';
import { DEFAULT_TOKEN_TYPES, normalizeTokenType, type AuthOptions } from '@timesheets/api-auth';
import { readProviderRules } from './provider-config';

export interface ApiConfig {
  nodeEnv: string;
  port: number;
  host: string;
  databaseUrl: string;
  auth: AuthOptions;
  corsOrigins: string[];
  /** Key the OpenID Provider presents to the policy endpoint; the endpoint is off when unset. */
  policyKey: string | undefined;
  /** Pre-provision the demo accounts (the local demo only). */
  demoUsers: boolean;
  /** With demoUsers: seed the demo's team, customers, projects and weeks (the local demo only). */
  demoData: boolean;
  /** Emails pre-provisioned with the admin role at start. */
  bootstrapAdmins: string[];
  /** Trust token scopes alone (for external providers that own the roles). */
  trustTokenScopes: boolean;
  /** How long a machine client's old secret keeps working after a rotation, unless the admin says otherwise. */
  clientSecretOverlapSeconds: number;
  bodyLimitBytes: number;
  /** Largest body of POST /api/imports/timesheets (up to 1,000 rows). */
  importBodyLimitBytes: number;
  /** Days an import's Idempotency-Key is kept (a retry within them gets the first answer). */
  importKeyRetentionDays: number;
  /** Requests allowed per client address and window (0 turns the limit off). */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Client addresses the rate limit remembers at most (least recently seen dropped first). */
  rateLimitTrackedAddresses: number;
  /** Policy calls (valid key) allowed per window, in their own bucket (0 turns that limit off). */
  policyRateLimitMax: number;
  /** Which peers may set X-Forwarded-* (client address for rate limits and logs, https for HSTS). */
  trustProxy: TrustProxy;
  /** Bearer key for `GET /api/metrics`; metrics are off when unset. */
  metricsKey: string | undefined;
  /** One JSON line per request (method, route, status, duration, request id, subject). */
  accessLog: boolean;
  /** `json` (one object per line, the production default) or `pretty`. */
  logFormat: 'json' | 'pretty';
  /** Grace period for in-flight requests on SIGTERM before the process exits anyway. */
  shutdownTimeoutMs: number;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** Time can be booked up to the end of the week this many weeks ahead (1: the end of next week). */
  maxWeeksAhead: number;
  /** Reports and exports: the longest period, and the expected week of people whose groups set none. */
  reports: { maxPeriodDays: number; defaultWeekHours: number; maxConcurrentExports: number };
}

/**
 * What AUTH_ALGORITHMS may name: asymmetric algorithms only (never none or HMAC). Each must be in server-core's
 * JWS_ALGORITHMS, which the token prefilter verifies with (jws-algorithms.spec.ts checks it).
 */
export const ACCEPTED_ALGORITHMS: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

/** Reads and validates the API's environment. Throws a ConfigError naming every bad variable. */
export function loadApiConfig(env: Readonly<Record<string, string | undefined>> = process.env): ApiConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.string('NODE_ENV', 'development');
  const production = nodeEnv === 'production';
  // The embedded setup's issuer and audience are defaults only outside production: a production API must be told whom to trust.
  const issuer = production ? r.string('AUTH_ISSUER') : r.string('AUTH_ISSUER', DEFAULT_ISSUER);
  if (issuer && !/^https?:\/\/[^\s]+$/.test(issuer)) r.problem(`AUTH_ISSUER must be an http(s) URL (got "${issuer}")`);
  const audience = production ? r.string('AUTH_AUDIENCE') : r.string('AUTH_AUDIENCE', DEFAULT_AUDIENCE);
  const jwksUri = r.optionalUrl('AUTH_JWKS_URI');
  // RS256 (Auth0's and Keycloak's default) and ES256 (the embedded provider's access tokens). A token's key comes
  // only from the issuer's JWKS and must be of its algorithm's type.
  const algorithms = r.list('AUTH_ALGORITHMS', ['RS256', 'ES256']);
  const badAlg = algorithms.filter((a) => !ACCEPTED_ALGORITHMS.includes(a));
  if (badAlg.length > 0)
    r.problem(`AUTH_ALGORITHMS may list only ${ACCEPTED_ALGORITHMS.join(', ')} (got "${badAlg.join(', ')}")`);
  // RFC 9068 access tokens say so in their typ header; Keycloak and Auth0's default profile send "JWT" (see docs).
  const tokenTypeNames = r.list('AUTH_TOKEN_TYPES', DEFAULT_TOKEN_TYPES);
  const badTypes = tokenTypeNames.filter((t) => normalizeTokenType(t) === null);
  if (badTypes.length > 0)
    r.problem(`AUTH_TOKEN_TYPES must list media types such as at+jwt or JWT (got "${badTypes.join(', ')}")`);
  if (tokenTypeNames.length === 0) r.problem('AUTH_TOKEN_TYPES must name at least one type (e.g. at+jwt)');
  const tokenTypes = [...new Set(tokenTypeNames.map(normalizeTokenType).filter((t): t is string => t !== null))];
  const trustTokenScopes = r.bool('AUTHZ_TRUST_TOKEN_SCOPES', false);
  const providerRules = readProviderRules(r, issuer, trustTokenScopes);
  const databaseUrl = r.string('DATABASE_URL', 'sqlite:data/api.sqlite');
  try {
    parseDatabaseUrl(databaseUrl);
  } catch (e) {
    r.problem((e as Error).message);
  }
  const policyKey = r.optionalString('AUTHZ_POLICY_KEY');
  if (policyKey !== undefined && policyKey.length < 16) r.problem('AUTHZ_POLICY_KEY must be at least 16 characters');

  const bootstrapAdmins = r.list('AUTHZ_BOOTSTRAP_ADMINS').map((e) => e.toLowerCase());
  const badEmails = bootstrapAdmins.filter((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e));
  if (badEmails.length > 0)
    r.problem(`AUTHZ_BOOTSTRAP_ADMINS must list email addresses (got "${badEmails.join(', ')}")`);
  // The demo accounts (an admin among them) are pre-provisioned by published emails: whoever signs in with one first
  // holds its role. Never in production.
  const demoUsers = r.bool('AUTHZ_DEMO_USERS', false);
  if (production && demoUsers)
    r.problem('AUTHZ_DEMO_USERS must not be true with NODE_ENV=production (the demo accounts include an admin)');
  // Demo data: the demo's team, customers, projects and Alice's weeks, for the demo accounts.
  const demoData = r.bool('DEMO_DATA', false);
  if (demoData && !demoUsers)
    r.problem('DEMO_DATA=true needs AUTHZ_DEMO_USERS=true (the data is for the demo accounts)');
  const metricsKey = r.optionalString('METRICS_KEY');
  const weekHoursText = r.string('REPORTS_DEFAULT_WEEK_HOURS', String(ReportLimits.weekHoursDefault));
  if (!/^\d+(\.\d{1,2})?$/.test(weekHoursText) || !isValidWeekHours(Number(weekHoursText)))
    r.problem(
      `REPORTS_DEFAULT_WEEK_HOURS must be hours from ${ReportLimits.weekHoursMin} to ${ReportLimits.weekHoursMax} ` +
        'with at most 2 decimals, written like 40 or 37.5',
    );
  if (metricsKey !== undefined && metricsKey.length < 16) r.problem('METRICS_KEY must be at least 16 characters');

  const config: ApiConfig = {
    nodeEnv,
    port: r.int('PORT', 3333, 0, 65535),
    host: r.string('HOST', '127.0.0.1'),
    databaseUrl,
    auth: {
      issuer,
      audience,
      jwksUri,
      algorithms,
      tokenTypes,
      ...providerRules,
      clockToleranceSeconds: r.int('AUTH_CLOCK_TOLERANCE', 30, 0, 60),
      realm: 'timesheets',
      jwksTimeoutMs: r.int('AUTH_JWKS_TIMEOUT_MS', 5000, 100, 30000),
    },
    corsOrigins: r.urlList('CORS_ORIGINS', ['http://localhost:4200']),
    policyKey,
    demoUsers,
    demoData: demoData && demoUsers,
    bootstrapAdmins,
    trustTokenScopes,
    clientSecretOverlapSeconds: r.int(
      'CLIENT_SECRET_OVERLAP_SECONDS',
      86_400,
      0,
      MachineClientLimits.overlapMaxSeconds,
    ),
    bodyLimitBytes: r.int('BODY_LIMIT_BYTES', 100_000, 1_000, 10_000_000),
    importBodyLimitBytes: r.int('IMPORT_BODY_LIMIT_BYTES', 2_000_000, 100_000, 20_000_000),
    importKeyRetentionDays: r.int(
      'IMPORT_IDEMPOTENCY_RETENTION_DAYS',
      ImportLimits.idempotencyRetentionDaysDefault,
      1,
      ImportLimits.idempotencyRetentionDaysMax,
    ),
    metricsKey,
    rateLimitMax: r.int('RATE_LIMIT_MAX', 1200, 0, 10_000_000),
    rateLimitWindowMs: r.int('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 3_600_000),
    rateLimitTrackedAddresses: r.int('RATE_LIMIT_ADDRESSES', 10_000, 100, 10_000_000),
    policyRateLimitMax: r.int('RATE_LIMIT_POLICY_MAX', 60_000, 0, 10_000_000),
    trustProxy: r.trustProxy('TRUST_PROXY'),
    accessLog: r.bool('ACCESS_LOG', false),
    logFormat: r.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, production ? 'json' : 'pretty'),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 120_000),
    logLevel: r.oneOf('LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info'),
    maxWeeksAhead: r.int('TIMESHEETS_MAX_WEEKS_AHEAD', 1, 0, 52),
    reports: {
      maxPeriodDays: r.int('REPORTS_MAX_PERIOD_DAYS', ReportLimits.periodDaysDefault, 1, 3660),
      defaultWeekHours: Number(weekHoursText),
      maxConcurrentExports: r.int('REPORTS_MAX_CONCURRENT_EXPORTS', ReportLimits.concurrentExportsDefault, 1, 100),
    },
  };
  r.done();
  return config;
}
