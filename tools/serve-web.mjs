#!/usr/bin/env node
// Serves the built SPA (dist/apps/web/browser) with its run-time configuration at /config.json, an SPA fallback,
// and a strict Content Security Policy. For the local demo and tests; in production any static server or CDN will do
// (see README: serve the files, write config.json, send the same headers).
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const env = process.env;
const root = resolve(env.WEB_ROOT ?? 'dist/apps/web/browser');
const port = Number(env.PORT ?? 4200);
const host = env.HOST ?? '127.0.0.1';
const config = {
  issuer: env.WEB_ISSUER ?? 'http://localhost:3334',
  clientId: env.WEB_CLIENT_ID ?? 'timesheets-spa',
  apiUrl: env.WEB_API_URL ?? 'http://localhost:3333/api',
  audience: env.WEB_AUDIENCE ?? 'http://localhost:3333/api',
  flow: env.WEB_FLOW === 'implicit' ? 'implicit' : 'code',
  scope:
    env.WEB_SCOPE ??
    'openid profile email offline_access read:timesheets create:timesheets delete:timesheets approve:timesheets ' +
      'read:projects manage:projects manage:period-lock ' +
      'read:users update:users read:groups create:groups update:groups delete:groups read:roles create:roles ' +
      'update:roles delete:roles read:permissions create:permissions update:permissions delete:permissions read:audit',
};
for (const key of ['issuer', 'apiUrl']) {
  try {
    new URL(config[key]);
  } catch {
    console.error(`serve-web: WEB_${key === 'issuer' ? 'ISSUER' : 'API_URL'} must be a URL (got "${config[key]}")`);
    process.exit(1);
  }
}
const origin = (u) => new URL(u).origin;
// Angular adds component styles as <style> elements at run time: they carry a per-response nonce (ngCspNonce),
// so no 'unsafe-inline' is needed. Scripts are files only.
const csp = (nonce) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${origin(config.apiUrl)} ${origin(config.issuer)}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self' " + origin(config.issuer),
  ].join('; ');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const security = {
  'content-security-policy': csp(randomBytes(16).toString('base64')),
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405, security).end();
  if (path === '/config.json') {
    return res
      .writeHead(200, { ...security, 'content-type': types['.json'], 'cache-control': 'no-store' })
      .end(JSON.stringify(config));
  }
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) return res.writeHead(400, security).end();
  let isAsset = extname(file) !== '';
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    if (isAsset) return res.writeHead(404, { ...security, 'content-type': 'text/plain' }).end('Not found');
    file = join(root, 'index.html'); // SPA fallback for client-side routes
    isAsset = false;
  }
  let body = await readFile(file);
  const headers = { ...security };
  if (file.endsWith('index.html')) {
    const nonce = randomBytes(16).toString('base64');
    headers['content-security-policy'] = csp(nonce);
    body = Buffer.from(body.toString('utf8').replace('<app-root', `<app-root ngCspNonce="${nonce}"`));
  }
  const hashed = /-[A-Z0-9]{8,}\.(js|css)$/.test(file);
  res
    .writeHead(200, {
      ...headers,
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    .end(req.method === 'HEAD' ? undefined : body);
}).listen(port, host, () => console.log(`web: serving ${root} on http://${host}:${port}`));
