import { Inject, Injectable } from '@nestjs/common';
import { normalizeEmail } from '@timesheets/idp-data-access';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import { PasswordChecksBusyError } from './password-check-limiter';
import { policyRequestFor } from './policy-client';

export interface LoginInput {
  email: string;
  password: string;
  /** The client address (the one the trusted proxies saw). */
  address: string;
  clientId: string;
}

export type LoginOutcome =
  | { kind: 'signed-in'; accountId: string }
  /** Unknown email or wrong password (the same answer for both). */
  | { kind: 'invalid'; email: string }
  /** Blocked here or in the API. */
  | { kind: 'blocked'; email: string }
  | { kind: 'throttled'; retryAfterSeconds: number }
  /** Too many password checks in progress on this instance. */
  | { kind: 'busy'; retryAfterSeconds: number };

const BUSY_RETRY_SECONDS = 5;

/**
 * One sign-in attempt: reserve it in the throttle (per account and address, atomically, before any password work),
 * check the password within the limiter's bounds, then ask the policy whether the account may sign in. A policy
 * failure (PolicyUnavailableError) propagates: the caller fails closed. Whatever happens, the reservation is settled:
 * kept for a wrong password, forgotten otherwise.
 */
@Injectable()
export class LoginService {
  constructor(@Inject(IDP_RUNTIME) private readonly rt: IdpRuntime) {}

  async login(input: LoginInput): Promise<LoginOutcome> {
    const email = normalizeEmail(input.email).slice(0, 320);
    const password = input.password.slice(0, 1024);
    const decision = await this.rt.loginThrottle.reserve({ account: email, address: input.address });
    if (!decision.allowed) return { kind: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
    const { attempt } = decision;
    try {
      let result;
      try {
        result = await this.rt.passwordChecks.run(email, () => this.rt.accounts.authenticate(email, password));
      } catch (err) {
        if (err instanceof PasswordChecksBusyError) return { kind: 'busy', retryAfterSeconds: BUSY_RETRY_SECONDS };
        throw err;
      }
      if (result.status === 'invalid') {
        await attempt.failed();
        return { kind: 'invalid', email };
      }
      if (result.status === 'blocked') return { kind: 'blocked', email };
      const answer = await this.rt.policy.evaluate(
        policyRequestFor(result.account, this.rt.config.issuer, input.clientId),
      );
      if (answer.blocked) return { kind: 'blocked', email };
      await attempt.succeeded();
      return { kind: 'signed-in', accountId: result.account.id };
    } finally {
      await attempt.release(); // no-op once judged
    }
  }
}
