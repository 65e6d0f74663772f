import { expect, test } from '@playwright/test';
import { addProjectRow, expectAccessible, gridCell, isoWeek, openWeek, signIn } from './support';

test('landing page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Timesheets' })).toBeVisible();
  await expectAccessible(page);
});

test('employee pages', async ({ page }) => {
  await signIn(page, 'alice');
  for (const [path, heading] of [
    ['/timesheets', 'My timesheets'],
    ['/timesheets/entries', 'My entries'],
    ['/profile', 'Profile'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page);
  }
  // A week with hours typed in, and its submit confirmation.
  await openWeek(page, isoWeek(1));
  await addProjectRow(page, 'TRAINING');
  await page.keyboard.type('2');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Submit week' }).click();
  const dialog = page.getByRole('dialog', { name: /^Submit week/ });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await gridCell(page, 'TRAINING', 0).fill('');
});

test('the week works 360 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'alice');
  await openWeek(page, isoWeek(0));
  // The grid scrolls inside its box; the page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const submit = page.getByRole('button', { name: 'Submit week' });
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
  await expect(page.getByRole('heading', { name: 'Approvals', level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectAccessible(page);
  // The demo's pending week of Alice's, expanded, and the rejection dialog.
  const entries = page.getByRole('button', { name: /^Entries of Alice Employee/ }).first();
  await entries.click();
  await expect(page.getByRole('table', { name: /^Entries of Alice Employee/ })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole('button', { name: /^Reject Alice Employee/ })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: 'Reject' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('admin pages', async ({ page }) => {
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
    await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page);
  }
  await page.goto('/admin/projects');
  await page.getByRole('button', { name: 'New project' }).click();
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.goto('/admin/groups');
  await page.getByRole('button', { name: 'Engineering' }).click();
  await expect(page.getByRole('list', { name: 'Managers' })).toContainText('Bob Manager');
  await expectAccessible(page);
});
