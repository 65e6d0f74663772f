import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  isMachineScope,
  POLICY_API_KEY_HEADER,
  type ClientPolicyRequest,
  type ClientPolicyResponse,
  type PolicyRequest,
  type PolicyResponse,
} from '@timesheets/contracts';
import type { AccountEntity } from '@timesheets/idp-data-access';

/** The policy endpoint could not answer; callers must fail closed. */
export class PolicyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyUnavailableError';
  }
}

export interface PolicyClientOptions {
  /** POST /api/authz/policy; machine clients are asked about at the sibling path, `client-policy`. */
  policyUrl: string;
  policyKey: string;
  policyTimeoutMs: number;
}

/** A call in flight for longer than this is not shared with new requests (they ask again). */
const MAX_SHARED_AGE_MS = 1000;

/** A policy answer is a few hundred bytes; anything far larger is not one. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Asks the API's authorization service for a user's effective permissions (POST /api/authz/policy).
 *
 * It is asked at every token request, so it uses node:http(s) with keep-alive connections rather than fetch (whose
 * WHATWG layers cost several times the request itself). The timeout covers the whole exchange, connection to last
 * byte; redirects are not followed (a 3xx is a failure, and the key never goes anywhere but POLICY_URL). A request on
 * a kept-alive connection that the API closed meanwhile is retried once on a new one, within the same timeout.
 */
export class PolicyClient {
  private readonly url: URL;
  private readonly clientUrl: URL;
  private readonly agent: HttpAgent;
  private readonly transport: typeof httpRequest;

  constructor(private readonly options: PolicyClientOptions) {
    this.url = new URL(options.policyUrl);
    this.clientUrl = clientPolicyUrl(options.policyUrl);
    const https = this.url.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.transport = https ? httpsRequest : httpRequest;
  }

  /**
   * Identical questions asked while one is in flight share its answer (several tabs of one user refreshing at once):
   * the answer is then at most one round trip (and never more than MAX_SHARED_AGE_MS) older than the request it
   * serves, and a failure fails all of them. Nothing is kept once answered: the next request asks again.
   */
  private readonly inFlight = new Map<string, { startedAt: number; answer: Promise<PolicyResponse> }>();

  evaluate(request: PolicyRequest): Promise<PolicyResponse> {
    const body = JSON.stringify(request);
    const now = Date.now();
    const pending = this.inFlight.get(body);
    if (pending && now - pending.startedAt <= MAX_SHARED_AGE_MS) return pending.answer;
    const entry = { startedAt: now, answer: this.send(this.url, body).then(parsePolicyResponse) };
    this.inFlight.set(body, entry);
    const forget = () => {
      if (this.inFlight.get(body) === entry) this.inFlight.delete(body);
    };
    entry.answer.then(forget, forget);
    return entry.answer;
  }

  /**
   * Whether a machine client authenticates with this secret, and what it may be granted (POST
   * /api/authz/client-policy): asked at every client-credentials token request, never shared between requests.
   */
  authenticateClient(request: ClientPolicyRequest): Promise<ClientPolicyResponse> {
    return this.send(this.clientUrl, JSON.stringify(request)).then(parseClientPolicyResponse);
  }

  private send(url: URL, json: string): Promise<unknown> {
    const body = Buffer.from(json);
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      let current: ClientRequest | undefined;
      const finish = (err: PolicyUnavailableError | null, value?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          current?.destroy();
          reject(err);
        } else resolve(value);
      };
      const timer = setTimeout(
        () => finish(new PolicyUnavailableError('policy endpoint timed out')),
        this.options.policyTimeoutMs,
      );
      const attempt = (retry: boolean) => {
        let answered = false;
        const req = this.transport(
          url,
          {
            method: 'POST',
            agent: this.agent,
            headers: {
              'content-type': 'application/json',
              'content-length': body.length,
              accept: 'application/json',
              [POLICY_API_KEY_HEADER]: this.options.policyKey,
            },
          },
          (res) => {
            answered = true;
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              res.resume();
              return finish(new PolicyUnavailableError(`policy endpoint answered ${status}`));
            }
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_RESPONSE_BYTES) finish(new PolicyUnavailableError('policy endpoint answered too much'));
              else chunks.push(chunk);
            });
            res.on('end', () => {
              let parsed: unknown;
              try {
                parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                return finish(new PolicyUnavailableError('policy endpoint answered with invalid JSON'));
              }
              finish(null, parsed);
            });
            res.on('error', () => finish(new PolicyUnavailableError('policy endpoint unreachable')));
            res.on('aborted', () => finish(new PolicyUnavailableError('policy endpoint unreachable')));
          },
        );
        current = req;
        req.on('error', () => {
          if (settled) return;
          // The API closed an idle kept-alive connection just as it was reused: once more on a new connection.
          if (retry && req.reusedSocket && !answered) return attempt(false);
          finish(new PolicyUnavailableError('policy endpoint unreachable'));
        });
        req.end(body);
      };
      attempt(true);
    });
  }

  /** Closes the kept-alive connections (the provider is shutting down). */
  close(): void {
    this.agent.destroy();
  }
}

/** The policy question about an account of this provider (`issuer`), asked for a client. */
export function policyRequestFor(
  account: Pick<AccountEntity, 'id' | 'email' | 'emailVerified' | 'name'>,
  issuer: string,
  clientId: string | null,
): PolicyRequest {
  return {
    subject: account.id,
    issuer,
    email: account.email,
    // The API lets a new subject claim the user pre-provisioned with this email only when this is true.
    emailVerified: account.emailVerified,
    name: account.name,
    clientId,
  };
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

/** The client-policy endpoint beside the policy endpoint (`…/authz/policy` → `…/authz/client-policy`). */
export function clientPolicyUrl(policyUrl: string): URL {
  const url = new URL(policyUrl);
  url.pathname = url.pathname.replace(/\/?[^/]*$/, '/client-policy');
  return url;
}

export function parseClientPolicyResponse(body: unknown): ClientPolicyResponse {
  const b = (body ?? {}) as Record<string, unknown>;
  if (b['active'] === false) return { active: false };
  const scopes = b['scopes'];
  if (
    b['active'] !== true ||
    typeof b['clientId'] !== 'string' ||
    typeof b['name'] !== 'string' ||
    !Array.isArray(scopes) ||
    !scopes.every((s) => typeof s === 'string')
  ) {
    throw new PolicyUnavailableError('client-policy endpoint answered with an unexpected shape');
  }
  // Only machine scopes are ever granted to a client, whatever the payload says.
  return { active: true, clientId: b['clientId'], name: b['name'], scopes: scopes.filter(isMachineScope) };
}
