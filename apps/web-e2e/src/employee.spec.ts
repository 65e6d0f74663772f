import { expect, test } from '@playwright/test';
import { addEntry, entryRow, fillStable, signIn, thisMonday, uniqueProject } from './support';

test.describe('employee (alice)', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'alice');
  });

  test('adds, edits and deletes an entry; the week view follows', async ({ page }) => {
    const project = uniqueProject('Apollo');
    await addEntry(page, { date: thisMonday(), project, hours: '2.5', notes: 'kick-off' });
    const row = entryRow(page, project);
    await expect(row).toContainText('Pending');
    await expect(
      page.getByRole('table', { name: /Hours per project and day/ }).getByRole('row', { name: new RegExp(project) }),
    ).toContainText('2.5');

    // The form says what the API would say.
    await row.getByRole('button', { name: /^Edit/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit entry' });
    await expect(dialog.getByLabel('Hours')).toHaveValue('2.5');
    await fillStable(dialog.getByLabel('Hours'), '25');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('hours must be a number greater than 0 and at most 24')).toBeVisible();
    await fillStable(dialog.getByLabel('Hours'), '3');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole('cell').nth(2)).toHaveText('3');

    // Still signed in after a reload (tokens in sessionStorage).
    await page.reload();
    await expect(entryRow(page, project)).toBeVisible();

    await entryRow(page, project)
      .getByRole('button', { name: /^Delete/ })
      .click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete entry?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(entryRow(page, project)).toHaveCount(0);
  });

  test('has no way into approvals or admin, not even by URL', async ({ page }) => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'My timesheets' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);

    // The scripts the browser loads, read again from the server afterwards: a response's body is gone once the page
    // has navigated away, so reading it in the listener raced the next navigation.
    const scripts = new Set<string>();
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.add(r.url());
    });
    await page.goto('/approvals');
    await expect(page.getByRole('heading', { name: "You don't have permission" })).toBeVisible();
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { name: "You don't have permission" })).toBeVisible();
    expect(scripts.size).toBeGreaterThan(0);
    const adminChunks: string[] = [];
    for (const url of scripts)
      if ((await (await page.request.get(url)).text()).includes('ts-admin-shell')) adminChunks.push(url);
    expect(adminChunks).toEqual([]);
  });
});
