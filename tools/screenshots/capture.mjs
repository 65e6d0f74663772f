#!/usr/bin/env node
// Screenshots of the main pages, 1280 and 360 px wide, in English and German, for the README's Screenshots section.
//
//   flock /tmp/web-e2e.lock node tools/screenshots/capture.mjs       (what `npm run screenshots` runs)
//
// Against E2E_BASE_URL when set, else against `node tools/start.mjs` with a fresh data directory (the demo's users and
// data; ports as for npm start, so run it under the browser suite's lock), stopped afterwards. Chromium from
// CHROMIUM_PATH (default /usr/bin/chromium). Writes docs/screenshots/<page>-<language>-<width>.png.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const OUT = 'docs/screenshots';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'timesheets-demo';
const base = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.WEB_PORT ?? 4200}/`;
const LANGUAGES = [
  { code: 'en', browser: 'en-GB' },
  { code: 'de', browser: 'de-DE' },
];
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
/** Last month, first and last day (the demo's submitted and approved weeks lie there or in this month). */
function lastMonth() {
  const now = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  return {
    from: iso(new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1))),
    to: iso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), 0))),
  };
}
/** Waits until the report's chart has been drawn (chart.js loads on the page; any non-transparent pixel). */
async function chartDrawn(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('main canvas');
    const px = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
    return false;
  });
}
const payrollReport = new URLSearchParams({ ...lastMonth(), groupBy: 'project,week' }).toString();
/**
 * Each page: who is signed in, where (a path below the language, and a query, then what to click to get there), what
 * to wait for (a selector in main, and a function), and what to scroll into view first.
 */
const PAGES = [
  { name: 'sign-in', who: null, path: '' },
  // The provider's own sign-in page, in the SPA's language (ui_locales): Sign in and Cancel in one row.
  { name: 'provider-sign-in', who: null, path: '', open: openProviderSignIn, ready: '#email' },
  { name: 'week', who: 'alice@exampleco.test', path: 'timesheets', ready: 'table' },
  { name: 'entries', who: 'alice@exampleco.test', path: 'timesheets/entries', ready: 'table' },
  // The managers' dashboard (the team's current and last week) above the approval queue.
  { name: 'approvals', who: 'bob@exampleco.test', path: 'approvals', ready: 'table' },
  {
    name: 'reports',
    who: 'paula@exampleco.test',
    path: 'reports',
    query: payrollReport,
    ready: 'table.ts-report',
    wait: chartDrawn,
  },
  {
    name: 'reports-chart',
    who: 'paula@exampleco.test',
    path: 'reports',
    query: payrollReport,
    ready: 'table.ts-report',
    wait: chartDrawn,
    scrollTo: '#report-heading',
  },
  { name: 'admin-users', who: 'carol@exampleco.test', path: 'admin/users', ready: 'nav' },
  { name: 'admin-audit', who: 'carol@exampleco.test', path: 'admin/audit', ready: 'table' },
  { name: 'profile', who: 'carol@exampleco.test', path: 'profile', ready: 'select' },
];

async function answers(url) {
  try {
    return (await fetch(new URL('config.json', url))).ok;
  } catch {
    return false;
  }
}

/** Starts the system unless something answers at `base`; returns a function that stops what it started. */
async function system() {
  if (process.env.E2E_BASE_URL || (await answers(base))) return async () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'timesheets-screenshots-'));
  const child = spawn(process.execPath, ['tools/start.mjs'], {
    env: { ...process.env, DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 600_000;
  while (!(await answers(base))) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${base} did not answer in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** From the start page to the provider's sign-in page. */
async function openProviderSignIn(page) {
  await page.locator('ts-landing-page button').click();
  await page.locator('#email').waitFor();
}

/** Signs in through the provider's page (and its consent, if asked), whatever its language. */
async function signIn(page, email) {
  await page.goto(base);
  await page.locator('ts-landing-page button').click();
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form[action$="/login"] button[type=submit]:not([form])').click();
  const consent = page.locator('form[action$="/confirm"] button[type=submit]');
  const user = page.getByTestId('user-name');
  await user.or(consent).first().waitFor();
  if (await consent.isVisible()) await consent.click();
  await user.waitFor();
}

const stop = await system();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
mkdirSync(OUT, { recursive: true });
let count = 0;
try {
  for (const language of LANGUAGES) {
    for (const viewport of WIDTHS) {
      let context = null;
      let signedIn = null;
      for (const p of PAGES) {
        if (!context || signedIn !== p.who) {
          await context?.close();
          context = await browser.newContext({ locale: language.browser, viewport, timezoneId: 'Europe/Berlin' });
          signedIn = null;
        }
        const page = await context.newPage();
        if (p.who && signedIn !== p.who) {
          await signIn(page, p.who);
          signedIn = p.who;
        }
        await page.goto(new URL(p.query ? `${p.path}?${p.query}` : p.path, base).toString());
        await page.waitForURL(new RegExp(`/${language.code}/${p.path}`));
        await p.open?.(page);
        if (p.ready) await page.locator(`main ${p.ready}`).first().waitFor();
        await p.wait?.(page);
        if (p.scrollTo) await page.evaluate((s) => document.querySelector(s)?.scrollIntoView(), p.scrollTo);
        await page
          .locator('mat-progress-bar')
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        await page.evaluate(() => document.fonts.ready);
        const file = join(OUT, `${p.name}-${language.code}-${viewport.width}.png`);
        await page.screenshot({ path: file, animations: 'disabled' });
        await page.close();
        count++;
        console.log(`  ${file}`);
      }
      await context?.close();
    }
  }
} finally {
  await browser.close();
  await stop();
}
console.log(`${count} screenshots in ${OUT}`);
