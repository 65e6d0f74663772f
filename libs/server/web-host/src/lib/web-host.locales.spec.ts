import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWebHostConfig } from './web-host-config';
import { raw, startHost, ENV, type RunningHost } from '../testing/web-host-fixture';

/** An Angular i18n build (`en/`, `de/`, each with its own index.html and files) over real HTTP. */
describe('web host with one build per language', () => {
  let dir: string;
  let host: RunningHost;
  const page = (lang: string) =>
    `<!doctype html><html lang="${lang}"><head><base href="/${lang}/"></head><body><app-root></app-root><script src="main-ABCD2345.js" type="module"></script></body></html>`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-host-locales-'));
    for (const lang of ['de', 'en']) {
      mkdirSync(join(dir, lang));
      writeFileSync(join(dir, lang, 'index.html'), page(lang));
      writeFileSync(join(dir, lang, 'main-ABCD2345.js'), `console.log(${JSON.stringify(lang)});`);
    }
    mkdirSync(join(dir, 'media')); // not a language: ignored
    host = await startHost(dir);
  });
  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the languages and defaults to English', () => {
    const config = loadWebHostConfig({ ...ENV, WEB_ROOT: dir });
    expect(config.mounts.map((m) => [m.basePath, m.locale])).toEqual([
      ['/de/', 'de'],
      ['/en/', 'en'],
    ]);
    expect(config.locales).toEqual({ basePath: '/', defaultLocale: 'en', cookie: 'timesheets-locale' });
    expect(() => loadWebHostConfig({ ...ENV, WEB_ROOT: dir, WEB_DEFAULT_LOCALE: 'fr' })).toThrow(/WEB_DEFAULT_LOCALE/);
  });

  it("serves each language's page and files under its own path", async () => {
    const de = await raw(host.url, '/de/timesheets');
    expect(de.status).toBe(200);
    expect(de.body.toString()).toContain('<html lang="de">');
    expect((await raw(host.url, '/en/')).body.toString()).toContain('<html lang="en">');
    expect((await raw(host.url, '/de/main-ABCD2345.js')).body.toString()).toContain('"de"');
    expect((await raw(host.url, '/en/main-ABCD2345.js')).body.toString()).toContain('"en"');
  });

  it("sends a visitor of the root to the browser's language, the same path and query", async () => {
    const go = async (path: string, headers: Record<string, string> = {}) => {
      const res = await raw(host.url, path, headers);
      expect(res.status).toBe(302);
      expect(res.headers['vary']).toBe('Accept-Language, Cookie');
      expect(res.headers['cache-control']).toBe('no-store');
      return res.headers['location'];
    };
    expect(await go('/')).toBe('/en/');
    expect(await go('/', { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' })).toBe('/de/');
    expect(await go('/', { 'accept-language': 'fr-FR, *;q=0.1' })).toBe('/en/');
    expect(await go('/?code=abc&state=%2Ftimesheets', { 'accept-language': 'de' })).toBe(
      '/de/?code=abc&state=%2Ftimesheets',
    );
    expect(await go('/timesheets/entries?status=pending', { 'accept-language': 'en-GB' })).toBe(
      '/en/timesheets/entries?status=pending',
    );
    expect(await go('/de')).toBe('/de/');
  });

  it('lets the language picked in the SPA (its cookie) win over the browser', async () => {
    const res = await raw(host.url, '/profile', { 'accept-language': 'en', cookie: 'a=1; timesheets-locale=de' });
    expect(res.headers['location']).toBe('/de/profile');
    const unknown = await raw(host.url, '/', { 'accept-language': 'de', cookie: 'timesheets-locale=xx' });
    expect(unknown.headers['location']).toBe('/de/');
    const garbage = await raw(host.url, '/', { cookie: 'timesheets-locale=%E0%A4%A; =;;' });
    expect(garbage.headers['location']).toBe('/en/');
  });

  it('answers files outside the languages and malformed paths with 404, never a redirect', async () => {
    for (const path of [
      '/favicon.ico',
      '/main-ABCD2345.js',
      '/media/font-IJKL0123.woff2',
      '//evil.example/',
      '/%2e%2e/en/',
    ]) {
      expect((await raw(host.url, path, { 'accept-language': 'de' })).status).toBe(404);
    }
  });
});
