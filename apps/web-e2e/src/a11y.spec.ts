import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

test('landing page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Timesheets' })).toBeVisible();
  await expectAccessible(page);
});

test('employee pages', async ({ page }) => {
  await signIn(page, 'alice');
  for (const [path, heading] of [
    ['/timesheets', 'My timesheets'],
    ['/profile', 'Profile'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page);
  }
  await page.goto('/timesheets');
  await page.getByRole('button', { name: 'Add entry' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page);
});

test('manager approvals', async ({ page }) => {
  await signIn(page, 'bob');
  await page.goto('/approvals');
  await expect(page.getByRole('heading', { name: 'Approvals', level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectAccessible(page);
});

test('admin pages', async ({ page }) => {
  await signIn(page, 'carol');
  for (const path of [
    '/admin/users',
    '/admin/roles',
    '/admin/permissions',
    '/admin/groups',
    '/admin/audit',
    '/admin/transfer',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page);
  }
});
