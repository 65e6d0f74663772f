import { expect, test } from '@playwright/test';
import { addProjectRow, entryRow, gridCell, gridRow, isoWeek, openWeek, saveWeek, signIn, weekGrid } from './support';

test.describe('employee (alice)', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'alice');
  });

  test('types a week with the keyboard, saves it, sees the API refuse more than 24 hours a day', async ({ page }) => {
    const week = isoWeek(1); // next week: bookable, and the demo data leaves it empty
    await openWeek(page, week);
    const grid = weekGrid(page);

    await addProjectRow(page, 'TRAINING'); // focus moves to its Monday
    await page.keyboard.type('7.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7:30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('8');
    await addProjectRow(page, 'INTERNAL'); // sorted above TRAINING
    await page.keyboard.type('1');
    await page.keyboard.press('ArrowDown');
    await expect(gridCell(page, 'TRAINING', 0)).toBeFocused();
    await page.keyboard.press('ArrowRight'); // the caret is at the end of "7.5"
    await expect(gridCell(page, 'TRAINING', 1)).toBeFocused();
    await page.keyboard.press('Enter'); // down: no row below, stays
    await page.keyboard.press('ArrowUp');
    await expect(gridCell(page, 'INTERNAL', 1)).toBeFocused();
    await page.keyboard.type('0.5');

    // Totals follow the typing: per day, per project, the week; 0 is written as such.
    await expect(grid.getByTestId('day-total')).toHaveText(['8.5', '8', '8', '0', '0', '0', '0']);
    await expect(gridRow(page, 'TRAINING').getByTestId('row-total')).toHaveText('23');
    await expect(grid.getByTestId('week-total')).toHaveText('24.5');
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await saveWeek(page);
    await expect(gridCell(page, 'TRAINING', 1)).toHaveValue('7.5'); // 7:30 as saved

    await page.reload();
    await expect(gridCell(page, 'TRAINING', 0)).toHaveValue('7.5');
    await expect(page.getByTestId('week-state')).toContainText('Not submitted yet');

    // Over 24 hours on Monday: the grid says so, and the API's refusal lands on the cell.
    await gridCell(page, 'INTERNAL', 0).fill('20');
    await expect(grid.getByTestId('day-total').first()).toContainText('over 24');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('row-errors').first()).toContainText('at most 24 hours a day');
    await expect(
      gridCell(page, 'INTERNAL', 0)
        .or(gridCell(page, 'TRAINING', 0))
        .first(),
    ).toHaveAttribute('aria-invalid', 'true');
    // Nothing was saved: back to the saved value, nothing is left to save and the cell's error goes.
    await gridCell(page, 'INTERNAL', 0).fill('1');
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    await expect(gridCell(page, 'INTERNAL', 0)).not.toHaveAttribute('aria-invalid', 'true');

    // Every entry is listed under All entries; a draft can be deleted there.
    await page.getByRole('link', { name: 'All entries' }).click();
    await expect(page.getByRole('heading', { name: 'My entries', level: 1 })).toBeVisible();
    const row = entryRow(page, 'TRAINING').filter({ hasText: '7.5' }).first();
    await expect(row).toContainText('Draft');

    // Clean up: an emptied grid saved is an empty week.
    await openWeek(page, week);
    for (const code of ['INTERNAL', 'TRAINING'])
      for (let day = 0; day < 3; day++) await gridCell(page, code, day).fill('');
    await saveWeek(page);
    await expect(page.getByTestId('week-state')).toContainText('Nothing recorded yet');
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
