import { Browser, Locator, Page, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { addWeeks, isoWeekOf } from '@timesheets/contracts';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'timesheets-demo';
export const USERS = {
  alice: { email: 'alice@exampleco.test', name: 'Alice Employee' },
  bob: { email: 'bob@exampleco.test', name: 'Bob Manager' },
  carol: { email: 'carol@exampleco.test', name: 'Carol Admin' },
  paula: { email: 'paula@exampleco.test', name: 'Paula Payroll' },
} as const;
export type Who = keyof typeof USERS;

/** Signs in through the provider's own login page (and consent, if the provider asks). */
export async function signIn(page: Page, who: Who): Promise<void> {
  // Every document records the Content Security Policy violations it sees (checked by expectAccessible).
  await page.context().addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations ??= [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  await page.goto('/');
  // In the page's language: the SPA's landing page and the provider's pages may be English or German.
  await page
    .getByRole('button', { name: /^(Sign in|Anmelden)$/ })
    .first()
    .click();
  await page.locator('#email').fill(USERS[who].email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  // The sign-in button itself: Cancel sits in the same row but belongs to its own form (form="cancel-form").
  await page.locator('form[action$="/login"] button[type=submit]:not([form])').click();
  const allow = page.locator('form[action$="/confirm"] button[type=submit]');
  const user = page.getByTestId('user-name');
  await expect(allow.or(user)).toBeVisible();
  if (await allow.isVisible()) await allow.click();
  await expect(user).toHaveText(USERS[who].name);
}

export async function newSession(browser: Browser, who: Who): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** The access token the SPA holds (sessionStorage), for calling the API directly. */
export async function accessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('access_token'));
  if (!token) throw new Error('no access token in sessionStorage');
  return token;
}

export async function apiUrl(page: Page): Promise<string> {
  const cfg = (await (await page.request.get('/config.json')).json()) as { apiUrl: string };
  return cfg.apiUrl;
}

/** axe-core: no serious or critical violations (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  // The strict CSP (nonce-based styles, no inline scripts) holds on this page.
  const csp = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  expect(csp).toEqual([]);
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** The ISO week `offset` weeks from this one (in the browser's and the test's time zone alike). */
export function isoWeek(offset = 0): string {
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return addWeeks(isoWeekOf(today), offset);
}

/**
 * Types into a field of a freshly opened dialog until the field holds the value. Under CPU load a value typed while
 * the dialog is still settling has come back empty (seen in CI); the form must end up with exactly what was typed.
 */
export async function fillStable(field: Locator, value: string): Promise<void> {
  await expect(async () => {
    if ((await field.inputValue()) !== value) await field.fill(value);
    await expect(field).toHaveValue(value, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
}

/** Opens My timesheets on a week and waits for its grid. */
export async function openWeek(page: Page, week: string): Promise<void> {
  await openWeekIn(page, week, 'Week');
}

/** Opens My timesheets on a week in the page's language (`Week`, `Woche`: the heading's first word). */
export async function openWeekIn(page: Page, week: string, heading: string): Promise<void> {
  await page.goto(`/timesheets?week=${week}`);
  await expect(page.getByRole('heading', { name: new RegExp(`^${heading} ${week}`) })).toBeVisible();
  await expect(page.locator('table.ts-grid')).toBeVisible();
}

export function weekGrid(page: Page, name = 'Hours per project and day'): Locator {
  return page.getByRole('table', { name: new RegExp(name) });
}

/** The grid's row of a project (its row header starts with the code). */
export function gridRow(page: Page, code: string): Locator {
  return page
    .locator('table.ts-grid')
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${code} · `) }) });
}

/** A cell's input: `day` 0 is Monday. */
export function gridCell(page: Page, code: string, day: number): Locator {
  return gridRow(page, code).getByRole('textbox').nth(day);
}

/** Adds a project's row through "Add a project" (`label` in the page's language), unless the grid has it already. */
export async function addProjectRow(page: Page, code: string, label = 'Add a project'): Promise<void> {
  if ((await gridRow(page, code).count()) > 0) return;
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: new RegExp(`^${code} · `) }).click();
  await expect(gridRow(page, code)).toBeVisible();
  // The new row's first open cell has the focus.
  await expect(gridRow(page, code).getByRole('textbox').first()).toBeFocused();
}

/** Saves the grid and waits until nothing is unsaved. */
export async function saveWeek(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Week saved')).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
}

/** Submits the week through its confirmation; returns the total the confirmation showed. */
export async function submitWeek(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Submit week' }).click();
  const dialog = page.getByRole('dialog', { name: /^Submit week/ });
  const total = (await dialog.getByTestId('submit-total').textContent())?.trim() ?? '';
  await dialog.getByRole('button', { name: 'Submit week' }).click();
  await expect(dialog).toBeHidden();
  return total;
}

/** The approver's queue row of a person-week. */
export function queueRow(page: Page, person: string, week: string): Locator {
  return page
    .getByRole('table', { name: 'Weeks to approve' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: person }) })
    .filter({ hasText: week });
}

/** Calls the API with the page's access token. */
export async function callApi(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await page.request.fetch(`${await apiUrl(page)}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await accessToken(page)}` },
    data: body,
  });
  const text = await res.text();
  return { status: res.status(), json: text ? (JSON.parse(text) as unknown) : null };
}

export function entryRow(page: Page, text: string) {
  return page.getByRole('table', { name: 'Timesheet entries' }).getByRole('row').filter({ hasText: text });
}

/**
 * Signs out through the SPA, which revokes the refresh token and sends the browser to the provider's end-session
 * endpoint with its ID token: the provider ends its session without asking again and sends the browser back.
 */
export async function signOut(page: Page): Promise<void> {
  const ended = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/session/end/confirm'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await ended;
  await expect(page.getByRole('button', { name: 'Sign in' }).first()).toBeVisible();
}
