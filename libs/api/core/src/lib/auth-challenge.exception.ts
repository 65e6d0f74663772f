import { HttpException } from '@nestjs/common';

/**
 * 401/403 that carry an RFC 6750 `WWW-Authenticate: Bearer` challenge. The message is ours and fixed:
 * never the verifier's own text (which would tell an attacker the expected audience or issuer).
 */
export class AuthChallengeException extends HttpException {
  constructor(
    status: 401 | 403,
    message: string,
    readonly challenge: string,
  ) {
    super(message, status);
  }

  static missingToken(realm: string): AuthChallengeException {
    return new AuthChallengeException(401, 'An access token is required', `Bearer realm="${realm}"`);
  }

  static invalidToken(realm: string): AuthChallengeException {
    return new AuthChallengeException(
      401,
      'The access token is invalid or expired',
      `Bearer realm="${realm}", error="invalid_token", error_description="The access token is invalid or expired"`,
    );
  }

  static insufficientScope(realm: string, required: readonly string[]): AuthChallengeException {
    return new AuthChallengeException(
      403,
      `This action needs the scope ${required.join(' ')}`,
      `Bearer realm="${realm}", error="insufficient_scope", scope="${required.join(' ')}"`,
    );
  }
}
