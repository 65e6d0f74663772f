import { buildFixture, MAIN, raw, SECRET, startHost, type RunningHost } from '../testing/web-host-fixture';

/**
 * A hostile client against the SPA server: malformed encodings, dot segments, encoded separators, very long paths,
 * the sibling folder whose name starts like the root's. Each answer is a 4xx (or the page, for a harmless deep
 * link), never a file from outside the build, and the server still answers afterwards.
 */
describe('web host: hostile requests', () => {
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

  async function stillServing() {
    const page = await raw(host.url, '/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<app-root ngCspNonce="');
    expect((await raw(host.url, `/${MAIN}`)).status).toBe(200);
  }

  it.each([
    '/%E0%A4%A',
    '/%',
    '/%zz',
    '/timesheets/%E0%A4%A',
    `/${MAIN}%00`,
    '/%00',
    '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd',
  ])('answers the malformed %s with 4xx and keeps serving', async (path) => {
    const res = await raw(host.url, path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.toString()).not.toContain(path.slice(1));
    await stillServing();
  });

  it.each([
    '/../browser-evil/secret.txt',
    '/..%2fbrowser-evil/secret.txt',
    '/..%2Fbrowser-evil%2Fsecret.txt',
    '/%2e%2e/browser-evil/secret.txt',
    '/%2E%2E%2Fbrowser-evil%2Fsecret.txt',
    '/..%5cbrowser-evil%5csecret.txt',
    '/..\\browser-evil\\secret.txt',
    '/../outside.txt',
    '/..%2foutside.txt',
    '/media/../../outside.txt',
    '/media/..%2f..%2foutside.txt',
    '/./../outside.txt',
    '//../outside.txt',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/....//....//etc/passwd',
  ])('never serves a file outside the build for %s', async (path) => {
    const res = await raw(host.url, path);
    expect(res.body.toString()).not.toContain(SECRET);
    expect(res.body.toString()).not.toMatch(/root:.*:0:0:/);
    expect([400, 403, 404]).toContain(res.status);
    await stillServing();
  });

  it.each([
    ['a long deep link', `/${'timesheets/'.repeat(300)}`],
    ['a long file name', `/${'a'.repeat(4000)}.js`],
  ])('answers %s and keeps serving', async (_, path) => {
    const res = await raw(host.url, path);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
    expect(res.body.toString()).not.toContain(SECRET);
    await stillServing();
  });

  it('refuses a path past the header limit (431 or a closed connection) and keeps serving', async () => {
    const status = await raw(host.url, `/${'x'.repeat(20_000)}`).then(
      (res) => res.status,
      (err: NodeJS.ErrnoException) => err.code,
    );
    expect([431, 'ECONNRESET']).toContain(status);
    await stillServing();
  });

  it('serves a deep link with a dot segment nowhere, and 404s dot and encoded segments', async () => {
    expect((await raw(host.url, '/timesheets/2026-W01')).status).toBe(200);
    for (const path of ['/timesheets/./week', '/timesheets/%2e%2e', '/a%2fb', '/timesheets//week']) {
      const res = await raw(host.url, path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.toString()).not.toContain('<app-root');
    }
  });

  it('survives a burst of malformed requests in parallel', async () => {
    const paths = Array.from({ length: 200 }, (_, i) => (i % 2 ? `/%E0%A4%A/${i}` : `/..%2f..%2f${i}`));
    const results = await Promise.all(paths.map((p) => raw(host.url, p)));
    expect(results.filter((r) => r.status < 400 || r.status >= 500).map((r) => r.status)).toEqual([]);
    await stillServing();
  });
});
