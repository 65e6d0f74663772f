import { BLOCKED_ACCOUNT_DESCRIPTION } from '@timesheets/contracts/scopes';
import { signInProblemFromLoginFailure, signInProblemOf, withoutAuthorizationResponse } from './sign-in-problem';

describe('sign-in problems', () => {
  it.each([
    ['access_denied', 'cancelled'],
    ['login_required', 'login_required'],
    ['consent_required', 'consent_required'],
    ['interaction_required', 'interaction_required'],
    ['account_selection_required', 'interaction_required'],
    ['invalid_request', 'invalid_request'],
    ['server_error', 'failed'],
    ['temporarily_unavailable', 'failed'],
    ['toString', 'failed'],
    [undefined, 'failed'],
  ])('gives the OAuth error %s its own kind (%s)', (error, kind) => {
    expect(signInProblemOf(error)).toBe(kind);
  });

  it('reads what angular-oauth2-oidc rejects tryLogin with', () => {
    expect(signInProblemFromLoginFailure({ type: 'code_error', params: { error: 'consent_required' } })).toBe(
      'consent_required',
    );
    expect(signInProblemFromLoginFailure({ type: 'invalid_nonce_in_state', params: null })).toBe('state_mismatch');
    expect(
      signInProblemFromLoginFailure({
        type: 'code_error',
        params: { error: 'access_denied', error_description: 'End-User aborted interaction' },
      }),
    ).toBe('cancelled');
    expect(
      signInProblemFromLoginFailure({
        type: 'code_error',
        params: { error: 'access_denied', error_description: BLOCKED_ACCOUNT_DESCRIPTION },
      }),
    ).toBe('blocked');
    // As it arrives from a real provider: the query's spaces form-encoded, left as '+' by angular-oauth2-oidc.
    expect(
      signInProblemFromLoginFailure({
        type: 'code_error',
        params: { error: 'access_denied', error_description: 'account+is+blocked' },
      }),
    ).toBe('blocked');
    // The description alone is not enough: only access_denied carries it.
    expect(signInProblemOf('server_error', BLOCKED_ACCOUNT_DESCRIPTION)).toBe('failed');
    expect(signInProblemFromLoginFailure(new Error('boom'))).toBe('failed');
    expect(signInProblemFromLoginFailure(null)).toBe('failed');
  });

  it("removes the authorization response's parameters from the address and keeps the rest", () => {
    expect(
      withoutAuthorizationResponse(
        'http://localhost:4200/?error=access_denied&error_description=End-User+aborted+interaction&state=abc&iss=http%3A%2F%2Flocalhost%3A3334',
      ),
    ).toBe('/');
    expect(withoutAuthorizationResponse('http://localhost:4200/timesheets?week=2026-W49&error=x#top')).toBe(
      '/timesheets?week=2026-W49#top',
    );
  });
});
