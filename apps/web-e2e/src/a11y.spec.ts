import { expect, test } from '@playwright/test';
import { addProjectRow, expectAccessible, gridCell, isoWeek, openWeekIn, signIn } from './support';

/** What the checks look for, in each of the SPA's languages (the browser's language chooses the build). */
const LANGUAGES = [
  {
    code: 'en',
    browser: 'en-GB',
    t: {
      pages: [
        ['/timesheets', 'My timesheets'],
        ['/timesheets/entries', 'My entries'],
        ['/profile', 'Profile'],
      ],
      week: 'Week',
      addProject: 'Add a project',
      submitWeek: 'Submit week',
      submitDialog: /^Submit week .*\?$/,
      cancel: 'Cancel',
      approvals: 'Approvals',
      entriesOf: /^Entries of Alice Employee/,
      rejectAlice: /^Reject Alice Employee/,
      reject: 'Reject',
      administration: 'Administration',
      newProject: 'New project',
      managers: 'Managers',
    },
  },
  {
    code: 'de',
    browser: 'de-DE',
    t: {
      pages: [
        ['/timesheets', 'Meine Zeiten'],
        ['/timesheets/entries', 'Meine Einträge'],
        ['/profile', 'Profil'],
      ],
      week: 'Woche',
      addProject: 'Projekt hinzufügen',
      submitWeek: 'Woche einreichen',
      submitDialog: /^Woche .* einreichen\?$/,
      cancel: 'Abbrechen',
      approvals: 'Freigaben',
      entriesOf: /^Einträge von Alice Employee/,
      rejectAlice: /^Alice Employee, .* ablehnen$/,
      reject: 'Ablehnen',
      administration: 'Verwaltung',
      newProject: 'Neues Projekt',
      managers: 'Leitung',
    },
  },
] as const;

for (const { code, browser, t } of LANGUAGES) {
  test.describe(`accessibility, ${code}`, () => {
    test.use({ locale: browser });

    test('landing page', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(new RegExp(`/${code}/$`));
      await expect(page.getByRole('heading', { name: 'Timesheets' })).toBeVisible();
      await expectAccessible(page);
    });

    test('employee pages', async ({ page }) => {
      await signIn(page, 'alice');
      for (const [path, heading] of t.pages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
        await expect(page.getByRole('progressbar')).toHaveCount(0);
        await expectAccessible(page);
      }
      // A week with hours typed in, and its submit confirmation.
      await openWeekIn(page, isoWeek(1), t.week);
      await addProjectRow(page, 'TRAINING', t.addProject);
      await page.keyboard.type('2');
      await expectAccessible(page);
      await page.getByRole('button', { name: t.submitWeek }).click();
      const dialog = page.getByRole('dialog', { name: t.submitDialog });
      await expect(dialog).toBeVisible();
      await expectAccessible(page);
      await dialog.getByRole('button', { name: t.cancel }).click();
      await gridCell(page, 'TRAINING', 0).fill('');
    });

    test('the week works 360 px wide', async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await signIn(page, 'alice');
      await openWeekIn(page, isoWeek(0), t.week);
      // The grid scrolls inside its box; the page itself does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const submit = page.getByRole('button', { name: t.submitWeek });
      await submit.scrollIntoViewIfNeeded();
      await expect(submit).toBeInViewport({ ratio: 1 });
      // The project column stays in view while the days scroll.
      await gridCell(page, 'NW-WEB', 6).scrollIntoViewIfNeeded();
      await expect(page.getByRole('rowheader', { name: /^NW-WEB · / })).toBeInViewport();
      await expectAccessible(page);
    });

    test('manager approvals', async ({ page }) => {
      await signIn(page, 'bob');
      await page.goto('/approvals?status=pending');
      await expect(page.getByRole('heading', { name: t.approvals, level: 1 })).toBeVisible();
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      await expectAccessible(page);
      // The demo's pending week of Alice's, expanded, and the rejection dialog.
      await page.getByRole('button', { name: t.entriesOf }).first().click();
      await expect(page.getByRole('table', { name: t.entriesOf })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: t.rejectAlice }).first().click();
      await expect(page.getByRole('dialog', { name: t.reject })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: t.cancel }).click();
    });

    test('admin pages', async ({ page }) => {
      // Eight pages and two dialogs, each checked by axe: more than the default minute on a loaded machine.
      test.slow();
      await signIn(page, 'carol');
      for (const path of [
        '/admin/users',
        '/admin/roles',
        '/admin/permissions',
        '/admin/groups',
        '/admin/projects',
        '/admin/period-lock',
        '/admin/audit',
        '/admin/transfer',
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: t.administration, level: 1 })).toBeVisible();
        await expect(page.getByRole('progressbar')).toHaveCount(0);
        await expectAccessible(page);
      }
      await page.goto('/admin/projects');
      await page.getByRole('button', { name: t.newProject }).click();
      await expect(page.getByRole('dialog', { name: t.newProject })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: t.cancel }).click();
      await page.goto('/admin/groups');
      await page.getByRole('button', { name: 'Engineering' }).click();
      await expect(page.getByRole('list', { name: t.managers })).toContainText('Bob Manager');
      await expectAccessible(page);
    });
  });
}
