import { Browser, Locator, Page, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'timesheets-demo';
export const USERS = {
  alice: { email: 'alice@exampleco.test', name: 'Alice Employee' },
  bob: { email: 'bob@exampleco.test', name: 'Bob Manager' },
  carol: { email: 'carol@exampleco.test', name: 'Carol Admin' },
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
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await page.getByLabel('Email').fill(USERS[who].email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const allow = page.getByRole('button', { name: 'Allow' });
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

export function uniqueProject(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** A date in the current week (Monday), so the entry shows in the week view too. */
export function thisMonday(): string {
  const d = new Date();
  const offset = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
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

/** Adds an entry through the dialog on My timesheets. */
export async function addEntry(
  page: Page,
  e: { date: string; project: string; hours: string; notes?: string },
): Promise<void> {
  await page.goto('/timesheets');
  await page.getByRole('button', { name: 'Add entry' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add entry' });
  // The form is bound once the date shows today's value; typing earlier would be overwritten.
  await expect(dialog.getByLabel('Date')).not.toHaveValue('');
  await fillStable(dialog.getByLabel('Date'), e.date);
  await fillStable(dialog.getByLabel('Project'), e.project);
  await fillStable(dialog.getByLabel('Hours'), e.hours);
  if (e.notes) await fillStable(dialog.getByLabel('Notes'), e.notes);
  // Everything typed is still there when Save is pressed.
  await expect(dialog.getByLabel('Date')).toHaveValue(e.date);
  await expect(dialog.getByLabel('Project')).toHaveValue(e.project);
  await expect(dialog.getByLabel('Hours')).toHaveValue(e.hours);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(entryRow(page, e.project)).toBeVisible();
}

export function entryRow(page: Page, project: string) {
  return page.getByRole('table', { name: 'Timesheet entries' }).getByRole('row').filter({ hasText: project });
}

/**
 * Signs out through the SPA, which revokes the refresh token and then sends the browser to the provider's sign-out
 * page; the embedded provider always asks for confirmation. (Waiting for the confirmation itself, not for "either
 * the confirmation or a Sign in button": the SPA shows Sign in for a moment before it navigates to the provider.)
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  const confirm = page.getByRole('button', { name: /Yes, sign me out/i });
  await expect(confirm).toBeVisible();
  await confirm.click();
  await expect(page.getByRole('button', { name: 'Sign in' }).first()).toBeVisible();
}
