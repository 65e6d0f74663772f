import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/**
 * Browser suite against the whole system (SPA, API, embedded OpenID Provider). With E2E_BASE_URL unset it starts
 * `node tools/start.mjs` (fresh data directory, demo password from DEMO_PASSWORD) unless something already answers on
 * the web port, which it then reuses.
 */
const webPort = Number(process.env.WEB_PORT ?? 4200);
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${webPort}/`;
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'timesheets-demo';
/** A second system with the scenario's implicit flow switched on (ports 4201, 3343, 3344), unless E2E_BASE_URL is set. */
const implicitURL = 'http://localhost:4201/';
const implicitSpecs = ['session.spec.ts', 'employee.spec.ts', 'signout.spec.ts'];
/** The SPA against Entra ID and Okta stand-ins: runs the builds of this workspace, so never against E2E_BASE_URL. */
const corporateSpecs = ['corporate-providers.spec.ts'];
/** With TEST_POSTGRES_URL set, the code-flow system runs on PostgreSQL (fresh databases), as in production. */
const postgres = process.env.TEST_POSTGRES_URL;
const pgDatabase = (name: string) => {
  const url = new URL(postgres as string);
  url.pathname = `/timesheets_web_e2e_${name}_${Date.now()}`;
  return url.toString();
};
const postgresEnv: Record<string, string> = postgres
  ? { API_DATABASE_URL: pgDatabase('api'), IDP_DATABASE_URL: pgDatabase('idp') }
  : {};
const system = (env: Record<string, string>, url: string) => ({
  command: 'node tools/ci/ensure-pg-databases.mjs && node tools/start.mjs',
  cwd: join(__dirname, '../..'),
  url: `${url}config.json`,
  reuseExistingServer: true,
  timeout: 300_000,
  stdout: 'pipe' as const,
  env: {
    ...(process.env as Record<string, string>),
    DEMO_PASSWORD,
    DATA_DIR: join(tmpdir(), `timesheets-e2e-${Date.now()}-${env['WEB_PORT']}`),
    ...env,
  },
});

export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/.playwright/apps/web-e2e/test-output',
  fullyParallel: false,
  workers: 1,
  // No retries: a flaky test is a defect to fix, not to hide.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: '../../dist/.playwright/apps/web-e2e/playwright-report', open: 'never' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  projects: [
    { name: 'code-flow', testIgnore: corporateSpecs, use: { ...devices['Desktop Chrome'] } },
    ...(process.env.E2E_BASE_URL
      ? []
      : [
          {
            name: 'implicit-flow',
            testMatch: implicitSpecs,
            use: { ...devices['Desktop Chrome'], baseURL: implicitURL },
          },
          // Starts the built SPA server and API itself, configured for Entra ID and Okta stand-ins.
          { name: 'corporate-providers', testMatch: corporateSpecs, use: { ...devices['Desktop Chrome'] } },
        ]),
  ],
  // Started one after the other: the first builds the apps, the second reuses the build.
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : [
        system(
          {
            WEB_PORT: String(webPort),
            ...postgresEnv,
            ...(process.env.DATA_DIR ? { DATA_DIR: process.env.DATA_DIR } : {}),
          },
          baseURL,
        ),
        system(
          { WEB_PORT: '4201', API_PORT: '3343', IDP_PORT: '3344', SPA_IMPLICIT_FLOW: 'true', SKIP_BUILD: 'true' },
          implicitURL,
        ),
      ],
});
