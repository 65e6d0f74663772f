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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node tools/start.mjs',
        cwd: join(__dirname, '../..'),
        url: `${baseURL}config.json`,
        reuseExistingServer: true,
        timeout: 300_000,
        stdout: 'pipe',
        env: {
          ...(process.env as Record<string, string>),
          DEMO_PASSWORD,
          WEB_PORT: String(webPort),
          DATA_DIR: process.env.DATA_DIR ?? join(tmpdir(), `timesheets-e2e-${Date.now()}`),
        },
      },
});
