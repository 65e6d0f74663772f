import type { DataSource } from 'typeorm';
import type { HttpMetrics } from '@timesheets/server-core';
import type { AccountStore } from '@timesheets/idp-data-access';
import type { IdpConfig } from './idp-config';
import type { LoginThrottle } from './login-throttle';
import type { PasswordCheckLimiter } from './password-check-limiter';
import type { OidcProvider } from './oidc-types';
import type { PolicyClient } from './policy-client';

/** Everything the Nest controllers need, built once by createIdpApp. */
export interface IdpRuntime {
  config: IdpConfig;
  provider: OidcProvider;
  dataSource: DataSource;
  accounts: AccountStore;
  policy: PolicyClient;
  /** Sign-in attempts per account (5) and per client address (20) in 15 minutes, counted in the database. */
  loginThrottle: LoginThrottle;
  /** How many password checks run at once (in total and per account) in this process. */
  passwordChecks: PasswordCheckLimiter;
  /** Secret for the interaction-bound CSRF tokens. */
  csrfSecret: string;
  /** Origins the login and consent forms may end up redirecting to (CSP form-action). */
  formTargets: string[];
  /** Request and process metrics, kept only while METRICS_KEY is set. */
  metrics?: HttpMetrics;
}

export const IDP_RUNTIME = Symbol('IDP_RUNTIME');
