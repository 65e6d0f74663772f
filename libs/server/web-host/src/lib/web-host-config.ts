import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_PORTS, type WebRuntimeConfig } from '@timesheets/contracts';
import { EnvReader } from '@timesheets/server-config';
import { readSpaRuntimeConfig } from './spa-runtime-config';

export { DEFAULT_WEB_SCOPE } from './spa-runtime-config';

/** One built SPA served under a URL path (today one; Angular i18n builds give one per locale: `/en/`, `/de/`). */
export interface SpaMount {
  /** URL path the SPA answers under, with leading and trailing slash (`/`, `/de/`). */
  basePath: string;
  /** Absolute folder of the build (`index.html` and the hashed files). */
  root: string;
}

export interface WebHostConfig {
  port: number;
  host: string;
  mounts: SpaMount[];
  /** What `/config.json` answers: the SPA's run-time configuration. */
  runtime: WebRuntimeConfig;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

const BASE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;

/**
 * Reads and validates the SPA server's environment; throws a ConfigError naming every bad variable: the WEB_*
 * variables of `/config.json`, WEB_ROOT and WEB_BASE_PATH. In production the issuer and the API URL
 * have no local defaults.
 */
export function loadWebHostConfig(env: Readonly<Record<string, string | undefined>> = process.env): WebHostConfig {
  const r = new EnvReader(env);
  const production = r.string('NODE_ENV', 'development') === 'production';

  const root = resolve(r.string('WEB_ROOT', 'dist/apps/web/browser'));
  if (!existsSync(join(root, 'index.html')) || !statSync(join(root, 'index.html')).isFile()) {
    r.problem(
      `WEB_ROOT must be a folder holding the built SPA's index.html (got "${root}"; build it: npx nx build web)`,
    );
  }
  const basePath = r.string('WEB_BASE_PATH', '/');
  if (!BASE_PATH.test(basePath)) {
    r.problem(`WEB_BASE_PATH must be a URL path that starts and ends with "/" (got "${basePath}")`);
  }

  const config: WebHostConfig = {
    port: r.int('PORT', DEFAULT_PORTS.web, 0, 65535),
    host: r.string('HOST', '127.0.0.1'),
    mounts: [{ basePath, root }],
    runtime: readSpaRuntimeConfig(r, production),
    logLevel: r.oneOf('LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info'),
  };
  r.done();
  return config;
}
