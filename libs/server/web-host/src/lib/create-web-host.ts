import { STATUS_CODES } from 'node:http';
import { basename } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { contentSecurityPolicy } from './content-security-policy';
import { chooseLocale } from './locale-choice';
import { SpaIndex } from './spa-index';
import type { SpaMount, WebHostConfig } from './web-host-config';

/** Angular's output hashing names files `name-HASH.ext` (8 upper-case letters and digits): safe to cache for ever. */
const HASHED_FILE = /-[A-Z0-9]{8,}\.[A-Za-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * A deep link the SPA routes itself, answered with `index.html`: URL characters only, no file extension in the last
 * segment, no dot segments, no empty segments, no encoded dots, slashes or backslashes. Anything else that matches no
 * file is a 404.
 */
export function isSpaRoute(path: string): boolean {
  return (
    /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path) &&
    !/%2e|%2f|%5c/i.test(path) &&
    !/\/\.{1,2}(?:\/|$)|\/\//.test(path) &&
    !path.slice(path.lastIndexOf('/') + 1).includes('.')
  );
}

/** The file a (possibly pre-compressed) response is the content of. */
const logicalName = (path: string) => basename(path).replace(/\.(?:br|gz)$/, '');

/** Sent with every answer (the onSend hook; set here too, for errors answered before any hook runs). */
function securityHeaders(reply: FastifyReply, policy: string): FastifyReply {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', policy);
  return reply;
}

function plain(reply: FastifyReply, status: number): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send(`${status} ${STATUS_CODES[status] ?? ''}`.trim());
}

/**
 * The SPA's web server: the built files through @fastify/static (pre-compressed brotli and gzip variants chosen by
 * Accept-Encoding, ETag and 304, hashed files cached as immutable, everything else revalidated), `index.html` with a
 * fresh CSP nonce per response for every deep link, `/config.json` from the environment, and the security headers on
 * every answer, errors included. A malformed request gets a 4xx; nothing a client sends can stop the process.
 *
 * Each mount is one built SPA under a base path; several mounts (one per locale) can share the server.
 * Returns the server ready but not listening.
 */
export async function createWebHost(config: WebHostConfig): Promise<FastifyInstance> {
  const defaultPolicy = contentSecurityPolicy(config.runtime);
  const app = Fastify({
    logger: { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    trustProxy: false,
    routerOptions: { maxParamLength: 1024 },
    // A URL the router cannot decode (`/%E0%A4%A`) or a malformed header: 400, the URL not echoed.
    frameworkErrors: (_error, _request, reply) => plain(securityHeaders(reply, defaultPolicy), 400),
  });
  const configJson = JSON.stringify(config.runtime);

  app.addHook('onSend', (_request, reply, payload, done) => {
    securityHeaders(reply, defaultPolicy);
    done(null, payload);
  });

  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error, 'request failed');
    return plain(reply, status);
  });

  app.get('/config.json', (_request, reply) =>
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(configJson),
  );

  const pages = new Map<SpaMount, (reply: FastifyReply) => FastifyReply>();
  for (const [i, mount] of config.mounts.entries()) {
    const index = await SpaIndex.load(mount.root);
    const page = (reply: FastifyReply) => {
      const nonce = SpaIndex.nonce();
      return reply
        .header('content-security-policy', contentSecurityPolicy(config.runtime, nonce))
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(index.render(nonce));
    };
    pages.set(mount, page);
    app.get(mount.basePath, (_request, reply) => page(reply));
    app.get(`${mount.basePath}index.html`, (_request, reply) => page(reply));
    await app.register(fastifyStatic, {
      root: mount.root,
      prefix: mount.basePath,
      decorateReply: i === 0,
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      preCompressed: true,
      etag: true,
      cacheControl: false,
      // The page is rendered (nonce); the build's own config.json is the local default, not this environment's.
      allowedPath: (pathName: string) => pathName !== '/index.html' && pathName !== '/config.json',
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header('cache-control', HASHED_FILE.test(logicalName(path)) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  // Longest base path first, so that `/de/...` finds the German build before the one at `/`.
  const byDepth = [...config.mounts].sort((a, b) => b.basePath.length - a.basePath.length);

  // A localized build: the languages' root and deep links without a language (`/`, `/timesheets?week=…`, the
  // provider's redirect back after sign-in) go to the same path in the visitor's language; `/de` gets its slash.
  const locales = config.locales;
  const built = config.mounts.flatMap((m) => (m.locale ? [m.locale] : []));
  const languageFor = (request: FastifyRequest, path: string, query: string) => {
    if (!locales || !path.startsWith(locales.basePath) || !isSpaRoute(path)) return undefined;
    const rest = path.slice(locales.basePath.length);
    const target = built.includes(rest)
      ? `${locales.basePath}${rest}/`
      : `${locales.basePath}${chooseLocale(request.headers, locales, built)}/${rest}`;
    return (reply: FastifyReply) =>
      reply
        .code(302)
        .header('location', target + query)
        .header('vary', 'Accept-Language, Cookie')
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('302 Found');
  };

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(reply.header('allow', 'GET, HEAD'), 405);
    const raw = request.raw.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    const mount = byDepth.find((m) => path.startsWith(m.basePath));
    const page = mount && isSpaRoute(path) ? pages.get(mount) : undefined;
    if (page) return page(reply);
    const language = !mount && locales ? languageFor(request, path, raw.slice(path.length)) : undefined;
    return language ? language(reply) : plain(reply, 404);
  });

  await app.ready();
  return app;
}
