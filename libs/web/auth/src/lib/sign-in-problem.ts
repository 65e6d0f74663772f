import { BLOCKED_ACCOUNT_DESCRIPTION } from '@timesheets/contracts/scopes';

/**
 * Why the last sign-in did not complete, as the SPA tells the user. Every OAuth 2.0 / OpenID Connect error a provider
 * can send back to the redirect URI has its own kind; the words are in SignInProblemMessage (a template, so that they
 * can be translated), never the raw code.
 */
export type SignInProblemKind =
  /** `access_denied`: the user pressed Cancel (or Deny) at the provider, or the provider refused. */
  | 'cancelled'
  /** `access_denied` with the embedded provider's BLOCKED_ACCOUNT_DESCRIPTION: the account may not sign in. */
  | 'blocked'
  /** `login_required`: the provider needs the user to sign in again. */
  | 'login_required'
  /** `consent_required`: the provider needs the user's permission for the application. */
  | 'consent_required'
  /** `interaction_required` (and `account_selection_required`): the provider needs the user to act first. */
  | 'interaction_required'
  /** `invalid_request`: the provider did not accept the request. */
  | 'invalid_request'
  /** The answer's `state` is not one of a sign-in started in this tab (an old link, another tab, a forged answer). */
  | 'state_mismatch'
  /** The provider's discovery document could not be loaded. */
  | 'unreachable'
  /** The discovery document failed validation (another issuer; with strict validation, an endpoint outside it). */
  | 'untrusted'
  /** Anything else: a server error at the provider, a refused code exchange, an unexpected answer. */
  | 'failed';

export interface SignInProblem {
  kind: SignInProblemKind;
  /** The provider's address, for `unreachable` and `untrusted`. */
  issuer?: string;
}

const BY_OAUTH_ERROR: Readonly<Record<string, SignInProblemKind>> = {
  access_denied: 'cancelled',
  login_required: 'login_required',
  consent_required: 'consent_required',
  interaction_required: 'interaction_required',
  account_selection_required: 'interaction_required',
  invalid_request: 'invalid_request',
};

/** The kind for an OAuth `error` code (and its `error_description`) sent back to the redirect URI. */
export function signInProblemOf(oauthError: unknown, description?: unknown): SignInProblemKind {
  // angular-oauth2-oidc decodes the answer's query with decodeURIComponent, which leaves a form-encoded space as '+'.
  const text = typeof description === 'string' ? description.replace(/\+/g, ' ') : description;
  if (oauthError === 'access_denied' && text === BLOCKED_ACCOUNT_DESCRIPTION) return 'blocked';
  return typeof oauthError === 'string' && Object.hasOwn(BY_OAUTH_ERROR, oauthError)
    ? BY_OAUTH_ERROR[oauthError]
    : 'failed';
}

/**
 * What angular-oauth2-oidc rejects `tryLogin` with: an OAuthErrorEvent (`code_error` / `token_error` with the
 * answer's parameters, `invalid_nonce_in_state` when the state is not ours) or the code exchange's HTTP error.
 */
export function signInProblemFromLoginFailure(failure: unknown): SignInProblemKind {
  const event = failure as { type?: unknown; params?: { error?: unknown; error_description?: unknown } | null } | null;
  if (event?.type === 'invalid_nonce_in_state') return 'state_mismatch';
  if ((event?.type === 'code_error' || event?.type === 'token_error') && event.params)
    return signInProblemOf(event.params.error, event.params.error_description);
  return 'failed';
}

/** The authorization response's parameters a provider adds to the redirect URI's query (code flow). */
const RESPONSE_PARAMS = ['error', 'error_description', 'error_uri', 'iss', 'state', 'code', 'session_state', 'scope'];

/** The address without the authorization response's parameters (what stays in the address bar after an error). */
export function withoutAuthorizationResponse(href: string): string {
  const url = new URL(href);
  for (const p of RESPONSE_PARAMS) url.searchParams.delete(p);
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ''}${url.hash}`;
}
