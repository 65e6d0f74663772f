import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createWebHost } from '../lib/create-web-host';
import { loadWebHostConfig } from '../lib/web-host-config';

export const WORKSPACE = join(__dirname, '../../../../..');
export const MAIN = 'main-ABCD2345.js';
export const STYLES = 'styles-EFGH6789.css';
export const SECRET = 'top-secret-sibling-file';
/** A large, compressible script, as an Angular build's main chunk. */
export const MAIN_JS = Array.from({ length: 400 }, (_, i) => `export const value${i} = "timesheets ${i}";`).join('\n');
export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Timesheets</title><link rel="stylesheet" href="/${STYLES}"></head>
  <body class="mat-typography"><app-root></app-root><script src="/${MAIN}" type="module"></script></body>
</html>
`;

/**
 * A built SPA in a temporary folder (`<tmp>/browser`, with hashed files, a favicon, the build's own config.json and a
 * dotfile), pre-compressed by tools/web/precompress.mjs as the build does it, next to a sibling folder whose name
 * starts like the root's (`<tmp>/browser-evil`).
 */
export function buildFixture(): { dir: string; root: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'web-host-'));
  const root = join(dir, 'browser');
  mkdirSync(join(root, 'media'), { recursive: true });
  mkdirSync(join(dir, 'browser-evil'));
  writeFileSync(join(root, 'index.html'), INDEX_HTML);
  writeFileSync(join(root, MAIN), MAIN_JS);
  writeFileSync(join(root, STYLES), `body { margin: 0 }\n${'.x { color: red }\n'.repeat(200)}`);
  writeFileSync(join(root, 'favicon.ico'), Buffer.alloc(600, 1));
  writeFileSync(join(root, 'media', 'font-IJKL0123.woff2'), Buffer.alloc(2000, 7));
  writeFileSync(join(root, 'config.json'), JSON.stringify({ issuer: 'http://build-default.invalid' }));
  writeFileSync(join(root, '.env'), 'SECRET=dotfile');
  writeFileSync(join(dir, 'browser-evil', 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'outside.txt'), SECRET);
  const run = spawnSync(process.execPath, [join(WORKSPACE, 'tools/web/precompress.mjs'), root], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`precompress failed: ${run.stderr}`);
  return { dir, root, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const ENV = {
  WEB_ISSUER: 'https://id.exampleco.test',
  WEB_API_URL: 'https://api.exampleco.test/api',
  LOG_LEVEL: 'error',
};

export interface RunningHost {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real server on 127.0.0.1 (random port) serving `root`. */
export async function startHost(root: string, env: Record<string, string> = {}): Promise<RunningHost> {
  const app = await createWebHost(loadWebHostConfig({ ...ENV, WEB_ROOT: root, ...env }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose path goes out byte for byte (fetch would normalise `..` and percent-encoding). */
export function raw(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('error', reject);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
