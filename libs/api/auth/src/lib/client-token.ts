import type { JwtPayload } from 'jsonwebtoken';

/**
 * Whether a verified access token was issued to a client acting for itself (the client-credentials grant: no user),
 * and that client's id. Each issuer marks such tokens its own way:
 *
 * - RFC 9068 §2.2 (the embedded provider, oidc-provider) and Okta: `sub` is the client's id (`client_id`, Okta `cid`).
 * - Auth0: `gty: "client-credentials"` (`sub` is `<client id>@clients`, the id is in `azp`).
 * - Microsoft Entra ID: an app-only token has no `scp` (delegated tokens always have one) and carries the tenant
 *   (`tid`); with the `idtyp` optional claim it says `idtyp: "app"`. The id is `azp` (v2.0) or `appid` (v1.0).
 *
 * Returns the client id, or null for a user's token. A client token without a usable id is not a client token the API
 * can name, so it is treated as a user's (and gets no machine scope).
 */
export function clientTokenId(payload: JwtPayload, text: (v: unknown) => string | null): string | null {
  const clientId = text(payload['client_id']) ?? text(payload['cid']) ?? text(payload['azp']) ?? text(payload['appid']);
  if (clientId === null) return null;
  const sub = payload.sub;
  if (sub === clientId && (sub === payload['client_id'] || sub === payload['cid'])) return clientId;
  if (payload['gty'] === 'client-credentials') return clientId;
  if (payload['idtyp'] === 'app') return clientId;
  if (typeof payload['tid'] === 'string' && payload['scp'] === undefined && payload['roles'] !== undefined)
    return clientId;
  return null;
}
