import { POLICY_API_KEY_HEADER, type PolicyRequest, type PolicyResponse } from '@timesheets/contracts';

/** The policy endpoint could not answer; callers must fail closed. */
export class PolicyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyUnavailableError';
  }
}

export interface PolicyClientOptions {
  policyUrl: string;
  policyKey: string;
  policyTimeoutMs: number;
}

/** Asks the API's authorization service for a user's effective permissions (POST /api/authz/policy). */
export class PolicyClient {
  constructor(private readonly options: PolicyClientOptions) {}

  async evaluate(request: PolicyRequest): Promise<PolicyResponse> {
    let response: Response;
    try {
      response = await fetch(this.options.policyUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [POLICY_API_KEY_HEADER]: this.options.policyKey,
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.options.policyTimeoutMs),
      });
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable';
      throw new PolicyUnavailableError(`policy endpoint ${reason}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PolicyUnavailableError(`policy endpoint answered ${response.status}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new PolicyUnavailableError('policy endpoint answered with invalid JSON');
    }
    return parsePolicyResponse(body);
  }
}

export function parsePolicyResponse(body: unknown): PolicyResponse {
  const b = (body ?? {}) as Record<string, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (
    typeof b['blocked'] !== 'boolean' ||
    !strings(b['permissions']) ||
    !strings(b['roles'] ?? []) ||
    !strings(b['groups'] ?? [])
  ) {
    throw new PolicyUnavailableError('policy endpoint answered with an unexpected shape');
  }
  return {
    userId: typeof b['userId'] === 'string' ? b['userId'] : '',
    blocked: b['blocked'],
    roles: (b['roles'] as string[] | undefined) ?? [],
    groups: (b['groups'] as string[] | undefined) ?? [],
    // A blocked user has no permissions, whatever the payload says.
    permissions: b['blocked'] ? [] : b['permissions'],
  };
}
