import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { isMachineClientId, MACHINE_SCOPES, type ClientPolicyResponse, type MachineScope } from '@timesheets/contracts';
import type { AdapterPayload, OidcAdapterClass } from '@timesheets/idp-data-access';
import type { OidcContext } from './oidc-types';
import type { PolicyClient } from './policy-client';

const logger = new Logger('OidcProvider');

/**
 * Machine clients (the client-credentials grant) as this provider knows them: not at all until one asks for a token.
 * The API keeps the registry (hashed secrets, allowed scopes, revocation), so every provider instance gives the same
 * answer at the same moment; a client exists here only for the token request that presents its secret, and only
 * when the API says this secret is one of its working secrets.
 *
 * oidc-provider looks clients up by id through the storage adapter, which never sees the request: the request runs
 * inside an AsyncLocalStorage (the `middleware`), so that the adapter's lookup (`metadata`) can read the secret the
 * client presented (Basic header or `client_secret`, as oidc-provider reads them) and ask the API. The metadata it
 * returns holds that same secret, so oidc-provider's own constant-time comparison passes for it and for nothing else.
 */
export class MachineClients {
  private readonly requests = new AsyncLocalStorage<OidcContext>();
  /** One API answer per request: the client lookup and the resource server's scopes both need it. */
  private readonly answers = new WeakMap<object, { clientId: string; answer: Promise<ClientPolicyResponse> }>();

  constructor(private readonly policy: Pick<PolicyClient, 'authenticateClient'>) {}

  /** Koa middleware, first in oidc-provider's chain. */
  readonly middleware = (ctx: OidcContext, next: () => Promise<unknown>): Promise<unknown> =>
    this.requests.run(ctx, next);

  /** The adapter's answer for a client id of the machine-client shape: metadata for this request, or undefined. */
  async metadata(clientId: string): Promise<Record<string, unknown> | undefined> {
    if (!isMachineClientId(clientId)) return undefined;
    const ctx = this.requests.getStore();
    // Machine clients exist at the token endpoint only (no authorization, no sessions, no other endpoint).
    if (!ctx || ctx.oidc?.route !== 'token') return undefined;
    const secret = presentedSecret(ctx);
    if (secret === null) return undefined;
    const answer = await this.answerFor(ctx, clientId, secret);
    if (!answer.active || answer.clientId !== clientId) return undefined;
    return {
      client_id: clientId,
      client_secret: secret,
      client_name: answer.name,
      application_type: 'web',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    };
  }

  /** The machine scopes the API allows the client of this token request (empty when it is not one). */
  async allowedScopes(ctx: OidcContext): Promise<MachineScope[]> {
    const known = this.answers.get(ctx);
    const clientId = ctx.oidc.client?.clientId;
    if (!known || known.clientId !== clientId) return [];
    const answer = await known.answer;
    return answer.active ? answer.scopes : [];
  }

  private answerFor(ctx: OidcContext, clientId: string, clientSecret: string): Promise<ClientPolicyResponse> {
    const known = this.answers.get(ctx);
    if (known?.clientId === clientId) return known.answer;
    // Fail closed: the API unreachable is server_error, never a token.
    const answer = this.policy.authenticateClient({ clientId, clientSecret });
    answer.catch((err: Error) => logger.error(`client policy check failed for ${clientId}: ${err.message}`));
    this.answers.set(ctx, { clientId, answer });
    return answer;
  }
}

/** requested ∩ allowed, machine scopes only, in the order requested. */
export function grantableMachineScopes(requested: Iterable<string>, allowed: Iterable<string>): MachineScope[] {
  const ok = new Set<string>(allowed);
  const machine = new Set<string>(MACHINE_SCOPES);
  return [...new Set(requested)].filter((s): s is MachineScope => machine.has(s) && ok.has(s));
}

/**
 * The client secret of a token request, read as oidc-provider reads it (RFC 6749 §2.3.1: `client_secret` in the
 * body, or HTTP Basic with form-encoded id and secret); null when absent or malformed (oidc-provider refuses those).
 */
export function presentedSecret(ctx: Pick<OidcContext, 'oidc' | 'headers'>): string | null {
  const posted = ctx.oidc.params?.['client_secret'];
  if (typeof posted === 'string' && posted.length > 0) return posted;
  const header = ctx.headers?.['authorization'];
  if (typeof header !== 'string') return null;
  const [scheme, value, extra] = header.split(' ');
  if (extra !== undefined || scheme?.toLowerCase() !== 'basic' || !value) return null;
  const basic = Buffer.from(value, 'base64').toString('utf8');
  const colon = basic.indexOf(':');
  if (colon === -1) return null;
  try {
    const secret = decodeURIComponent(basic.slice(colon + 1).replace(/\+/g, '%20'));
    return secret.length > 0 ? secret : null;
  } catch {
    return null;
  }
}

/** The storage adapter with machine clients' lookups answered by `clients` (see MachineClients). */
export function machineClientAdapter(Base: OidcAdapterClass, clients: MachineClients): OidcAdapterClass {
  return class MachineClientAdapter extends Base {
    constructor(private readonly model: string) {
      super(model);
    }

    override async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client' && isMachineClientId(id)) return clients.metadata(id);
      return super.find(id);
    }
  };
}
