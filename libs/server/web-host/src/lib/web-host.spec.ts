import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  buildFixture,
  INDEX_HTML,
  MAIN,
  MAIN_JS,
  raw,
  startHost,
  STYLES,
  type RunningHost,
} from '../testing/web-host-fixture';

/** The SPA server over real HTTP, serving a temporary build pre-compressed by tools/web/precompress.mjs. */
describe('web host', () => {
  let fixture: ReturnType<typeof buildFixture>;
  let host: RunningHost;
  beforeAll(async () => {
    fixture = buildFixture();
    host = await startHost(fixture.root);
  });
  afterAll(async () => {
    await host?.close();
    fixture?.cleanup();
  });

  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  describe('the page and its Content Security Policy', () => {
    it('sends index.html with a CSP whose style nonce is the one on the root element', async () => {
      const res = await raw(host.url, '/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(res.headers['content-security-policy']);
      const nonce = nonceOf(csp);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(res.body.toString()).toContain(`<app-root ngCspNonce="${nonce}">`);
      expect(res.body.toString().replace(` ngCspNonce="${nonce}"`, '')).toBe(INDEX_HTML);
    });

    it('makes a new nonce for every response', async () => {
      const nonces = new Set<string | undefined>();
      for (let i = 0; i < 5; i++)
        nonces.add(nonceOf(String((await raw(host.url, '/')).headers['content-security-policy'])));
      expect(nonces.size).toBe(5);
    });

    it('keeps the policy strict: files only for scripts, the API and the issuer for connections, no framing', async () => {
      const csp = String((await raw(host.url, '/')).headers['content-security-policy']);
      expect(csp.split('; ')).toEqual([
        "default-src 'self'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonceOf(csp)}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self' https://api.exampleco.test https://id.exampleco.test",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self' https://id.exampleco.test",
      ]);
      expect(csp).not.toContain('unsafe');
    });

    it.each([
      '/',
      '/index.html',
      '/timesheets',
      '/admin/users/0b7e3c7a-4d1e-4e7a-9f6a-2a1c3d4e5f60',
      '/approvals?status=pending',
    ])('answers %s with the page, not cached, with the security headers', async (path) => {
      const res = await raw(host.url, path);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain('<app-root ngCspNonce="');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['etag']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });
  });

  describe('/config.json', () => {
    it('comes from the WEB_* variables, not from the build, and is not cached', async () => {
      const res = await raw(host.url, '/config.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const body = JSON.parse(res.body.toString());
      expect(body).toMatchObject({
        issuer: 'https://id.exampleco.test',
        apiUrl: 'https://api.exampleco.test/api',
        audience: 'https://api.exampleco.test/api',
        clientId: 'timesheets-spa',
        flow: 'code',
      });
      expect(body.scope).toContain('read:timesheets');
    });
  });

  describe('the built files', () => {
    it('were pre-compressed at build time: brotli and gzip for large text files only', () => {
      expect(existsSync(join(fixture.root, `${MAIN}.br`))).toBe(true);
      expect(existsSync(join(fixture.root, `${MAIN}.gz`))).toBe(true);
      expect(existsSync(join(fixture.root, `${STYLES}.br`))).toBe(true);
      for (const skipped of ['index.html', 'config.json', 'favicon.ico', 'media/font-IJKL0123.woff2']) {
        expect(existsSync(join(fixture.root, `${skipped}.br`))).toBe(false);
      }
    });

    it.each([
      ['br', (b: Buffer) => brotliDecompressSync(b)],
      ['gzip', (b: Buffer) => gunzipSync(b)],
    ] as const)('sends the %s variant to a client that accepts it', async (encoding, decode) => {
      const res = await raw(host.url, `/${MAIN}`, { 'accept-encoding': `${encoding}, identity` });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(decode(res.body).toString()).toBe(MAIN_JS);
      expect(res.body.length).toBeLessThan(MAIN_JS.length / 3);
    });

    it('prefers brotli, and sends the file itself to a client that accepts neither', async () => {
      expect(
        (await raw(host.url, `/${MAIN}`, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding'],
      ).toBe('br');
      const plain = await raw(host.url, `/${MAIN}`, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(MAIN_JS);
    });

    it('caches hashed files for a year as immutable, with an ETag', async () => {
      for (const path of [`/${MAIN}`, `/${STYLES}`, '/media/font-IJKL0123.woff2']) {
        const res = await raw(host.url, path, { 'accept-encoding': 'br' });
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers['etag']).toBeDefined();
      }
    });

    it('has other files revalidated (no-cache), with an ETag', async () => {
      const res = await raw(host.url, '/favicon.ico');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['etag']).toBeDefined();
      expect(res.body).toEqual(readFileSync(join(fixture.root, 'favicon.ico')));
    });

    it('answers 304 to a matching If-None-Match, per encoding', async () => {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const first = await raw(host.url, `/${MAIN}`, { 'accept-encoding': encoding });
        const etag = String(first.headers['etag']);
        const again = await raw(host.url, `/${MAIN}`, { 'accept-encoding': encoding, 'if-none-match': etag });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
      }
    });

    it('answers HEAD like GET, without a body', async () => {
      const res = await raw(host.url, `/${MAIN}`, {}, 'HEAD');
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(0);
      expect(res.headers['etag']).toBeDefined();
    });

    it.each(['/missing-ZZZZ9999.js', '/media/missing.woff2', '/.env', '/favicon.ico.txt'])(
      'answers 404 for %s (a missing file is not a deep link), with the security headers',
      async (path) => {
        const res = await raw(host.url, path);
        expect(res.status).toBe(404);
        expect(res.body.toString()).not.toContain('<app-root');
        expect(res.body.toString()).not.toContain('dotfile');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      },
    );

    it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405', async (method) => {
      const res = await raw(host.url, '/', {}, method);
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD');
    });
  });
});
