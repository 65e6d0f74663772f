import { expect, test, type Page } from '@playwright/test';
import { addProjectRow, gridCell, gridRow, isoWeek, openWeekIn, signIn, weekGrid } from './support';

/**
 * Issue 18, items 6, 7 and 8: the SPA in the browser's language (English or German, each its own build under /en/ and
 * /de/), a switch on the profile page, the provider asked for the same language; dates, times and numbers in the
 * user's locale, the same in fields and tables; validation messages in full next to their field.
 */
test.describe('a German browser', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

  test('gets the German SPA, asks the provider for German, and switches to English on the profile page', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/de\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const authorize = page.waitForRequest((r) => /\/auth\?/.test(r.url()));
    await page.getByRole('button', { name: 'Anmelden' }).first().click();
    expect(new URL((await authorize).url()).searchParams.get('ui_locales')).toBe('de');
    // The provider's sign-in page speaks German too.
    await expect(page.getByRole('heading', { name: 'Bei Timesheets anmelden' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByLabel('Passwort')).toBeVisible();
    await page.goto('/');
    await signIn(page, 'alice');
    const nav = page.getByRole('navigation', { name: 'Hauptmenü' });
    await expect(nav.getByRole('link', { name: 'Meine Zeiten' })).toBeVisible();
    await nav.getByRole('link', { name: 'Profil' }).click();
    await expect(page.getByRole('heading', { name: 'Profil', level: 1 })).toBeVisible();

    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await expect(page).toHaveURL(/\/en\/profile$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
    // Still signed in, and the choice outlives the browser's language: the root now opens English.
    await expect(page.getByTestId('user-name')).toHaveText('Alice Employee');
    await page.goto('/timesheets');
    await expect(page).toHaveURL(/\/en\/timesheets/);
    await expect(page.getByRole('heading', { name: 'My timesheets', level: 1 })).toBeVisible();
  });

  test('writes hours, dates and times the German way, in fields and tables alike', async ({ page }) => {
    await signIn(page, 'alice');
    const week = isoWeek(1);
    await openWeekIn(page, week, 'Woche');
    await addProjectRow(page, 'TRAINING', 'Projekt hinzufügen');
    await page.keyboard.type('7,5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1.25');
    await page.keyboard.press('Tab');
    await expect(gridCell(page, 'TRAINING', 1)).toHaveValue('1,25');
    await expect(gridRow(page, 'TRAINING').getByTestId('row-total')).toHaveText('8,75');
    await expect(weekGrid(page, 'Stunden pro Projekt und Tag').getByRole('columnheader').nth(1)).toHaveText(
      /^Mo\., \d+\. /,
    );
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page.getByText('Woche gespeichert')).toBeVisible();

    // All entries: the date column and the date fields write 02.12.2026; the calendar starts on Monday.
    await page.getByRole('link', { name: 'Alle Einträge' }).click();
    const dates = page.getByRole('table', { name: 'Zeiteinträge' }).locator('tbody tr td:first-child');
    await expect(dates.first()).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
    const first = (await dates.first().textContent())?.trim() ?? '';
    const from = page.getByRole('textbox', { name: 'Von' });
    await from.fill(first);
    await from.blur();
    await expect(from).toHaveValue(first);
    await page
      .getByRole('button', { name: 'Datumsauswahl öffnen' })
      .or(page.getByRole('button', { name: 'Open calendar' }))
      .first()
      .click();
    await expect(page.locator('mat-calendar thead th').first()).toContainText('Montag');
    await page.keyboard.press('Escape');

    // Clean up the week.
    await openWeekIn(page, week, 'Woche');
    await gridCell(page, 'TRAINING', 0).fill('');
    await gridCell(page, 'TRAINING', 1).fill('');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(page.getByText('Woche gespeichert')).toBeVisible();
  });

  test('says what is wrong with a cell in full, in German, under its row', async ({ page }) => {
    await signIn(page, 'alice');
    await openWeekIn(page, isoWeek(1), 'Woche');
    await addProjectRow(page, 'TRAINING', 'Projekt hinzufügen');
    await page.keyboard.type('25');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    const message = page.getByTestId('row-errors');
    await expect(message).toContainText(
      'Stunden müssen mehr als 0 und höchstens 24 sein, mit höchstens 2 Nachkommastellen.',
    );
    await expectNextToAndWhole(page, gridCell(page, 'TRAINING', 0), message);
    await expect(gridCell(page, 'TRAINING', 0)).toHaveAccessibleDescription(/^Mo\., .*Stunden müssen mehr als 0/);
  });
});

test.describe('an American browser', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('gets English, US dates, a calendar from Sunday, and full messages in sentence case', async ({ page }) => {
    await signIn(page, 'alice');
    await expect(page).toHaveURL(/\/en\//);
    await openWeekIn(page, isoWeek(1), 'Week');
    await addProjectRow(page, 'TRAINING');
    await page.keyboard.type('7:75');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const message = page.getByTestId('row-errors');
    await expect(message).toContainText('Hours must be more than 0 and at most 24, with at most 2 decimals.');
    await expectNextToAndWhole(page, gridCell(page, 'TRAINING', 0), message);
    await gridCell(page, 'TRAINING', 0).fill('');

    await page.goto('/timesheets/entries');
    const dates = page.getByRole('table', { name: 'Timesheet entries' }).locator('tbody tr td:first-child');
    await expect(dates.first()).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    await page.getByRole('button', { name: 'Open calendar' }).first().click();
    await expect(page.locator('mat-calendar thead th').first()).toContainText('Sunday');
  });
});

test('the admin area writes times in the user\u2019s zone, relative where it helps, never as raw ISO', async ({
  page,
}) => {
  await signIn(page, 'carol');
  await page.goto('/admin/audit');
  const table = page.getByRole('table', { name: 'Audit entries' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const when = table.locator('tbody tr td:first-child time').first();
  await expect(when).toHaveText(/ago|now|yesterday|\d{4}/);
  await expect(when).toHaveAttribute('title', /\d{4}/);
  await page.goto('/admin/users');
  await page
    .getByRole('button', { name: /Carol Admin/ })
    .first()
    .click();
  await expect(page.getByText(/last sign-in (now|\d+ (second|minute|hour)s? ago)/)).toBeVisible();
  for (const path of ['/admin/audit', '/admin/users', '/admin/period-lock', '/admin/projects']) {
    await page.goto(path);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  }
});

/** The message is visible in whole (not cut off), directly under the field's row, and starts with a capital. */
async function expectNextToAndWhole(
  page: Page,
  field: ReturnType<Page['locator']>,
  message: ReturnType<Page['locator']>,
) {
  await expect(message).toBeVisible();
  const f = await field.boundingBox();
  const m = await message.boundingBox();
  expect(f && m).toBeTruthy();
  if (!f || !m) return;
  expect(m.y).toBeGreaterThanOrEqual(f.y + f.height - 1);
  expect(m.y - (f.y + f.height)).toBeLessThan(40);
  const clipped = await message.evaluate((el) =>
    [el, ...Array.from(el.querySelectorAll('*'))].some(
      (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible',
    ),
  );
  expect(clipped).toBe(false);
  expect((await message.innerText()).trim()).toMatch(/^[^:]+: [A-ZÄÖÜ]/);
}
