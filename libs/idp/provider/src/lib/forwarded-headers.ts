import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '@timesheets/server-config';

const FORWARDED = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'];

/**
 * Applies TRUST_PROXY to a request before oidc-provider (Koa) or Express sees it. Koa has only an on/off `proxy`
 * switch: with it on, it believes X-Forwarded-Proto and -Host from any peer and takes the left-most (client-written)
 * X-Forwarded-For entry as the address. So: from a peer that is not a trusted proxy every X-Forwarded-* header is
 * dropped, and from a trusted one X-Forwarded-For is reduced to the client address the trust setting determines.
 * Express (the interaction pages, whose login throttle is keyed by address) then agrees with Koa.
 */
export function applyTrustProxy(req: IncomingMessage, setting: TrustProxy): void {
  const trust = setting.trust;
  const headers = req.headers;
  if (!trust || !trust(req.socket.remoteAddress ?? '', 0)) {
    for (const name of FORWARDED) if (headers[name] !== undefined) delete headers[name];
    return;
  }
  if (headers['x-forwarded-for'] !== undefined) headers['x-forwarded-for'] = proxyAddr(req, trust);
}
