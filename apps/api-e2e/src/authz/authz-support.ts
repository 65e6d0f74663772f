import { randomUUID } from 'node:crypto';
import { ALL_SCOPES, POLICY_API_KEY_HEADER, type PolicyResponse } from '@timesheets/contracts';
import { http, type HttpResult } from '@timesheets/api-testing';
import type { E2eEnv } from '../support/env';

export const POLICY_KEY = 'e2e-policy-key-0123456789abcdef';
/** Tokens in these suites ask for every scope: what a request gets is decided by the authorization service. */
export const EVERY_SCOPE = ALL_SCOPES.join(' ');

export interface Person {
  sub: string;
  userId: string;
  token: string;
  policy: PolicyResponse;
}

/** Helpers bound to one environment: signs people in through the policy endpoint and calls the API as them. */
export function authzClient(env: E2eEnv) {
  const url = (path: string) => `${env.api.url}${path}`;
  return {
    url,
    policy(body: unknown, key: string | null = POLICY_KEY): Promise<HttpResult<PolicyResponse>> {
      return http<PolicyResponse>('POST', url('/authz/policy'), {
        body,
        headers: key === null ? {} : { [POLICY_API_KEY_HEADER]: key },
      });
    },
    /**
     * Signs a person in as the OpenID Provider would: policy call, then a token for their subject. The provider has
     * verified the email unless `emailVerified` is false. The token lives `tokenLifetimeSeconds` (the test issuer's
     * default, 5 minutes, unless a long-running suite asks for more).
     */
    async signIn(
      email: string | null,
      name: string | null = null,
      sub = `sub-${randomUUID()}`,
      { emailVerified = true, tokenLifetimeSeconds }: { emailVerified?: boolean; tokenLifetimeSeconds?: number } = {},
    ): Promise<Person> {
      const res = await http<PolicyResponse>('POST', url('/authz/policy'), {
        body: { subject: sub, issuer: env.issuer.issuer, email, emailVerified, name, clientId: 'timesheets-spa' },
        headers: { [POLICY_API_KEY_HEADER]: POLICY_KEY },
      });
      if (res.status !== 200) throw new Error(`policy call failed: ${res.status} ${res.text}`);
      return {
        sub,
        userId: res.body.userId,
        token: env.issuer.mint(sub, EVERY_SCOPE, { email, name }, { expiresIn: tokenLifetimeSeconds }),
        policy: res.body,
      };
    },
    call<T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<HttpResult<T>> {
      return http<T>(method, url(path), { token, body });
    },
  };
}
