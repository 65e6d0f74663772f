/**
 * The `error_description` the embedded provider sends with `access_denied` to the redirect URI when the account is
 * blocked (here or in the API) while a provider session still names it. The SPA tells it apart from a cancelled
 * sign-in (oidc-provider's own description for that is "End-User aborted interaction") by this exact text.
 */
export const BLOCKED_ACCOUNT_DESCRIPTION = 'account is blocked';
