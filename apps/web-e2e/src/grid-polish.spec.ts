import { expect, test } from '@playwright/test';
import { addProjectRow, gridCell, gridRow, isoWeek, openWeek, signIn } from './support';

/** Issue 18, item 10: the SPA's small visual flaws. */
test.describe('small visual flaws (alice)', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'alice');
  });

  test('empty cells read 0, as their totals do', async ({ page }) => {
    await openWeek(page, isoWeek(1));
    await addProjectRow(page, 'TRAINING');
    for (let day = 0; day < 7; day++) {
      await expect(gridCell(page, 'TRAINING', day)).toHaveValue('');
      await expect(gridCell(page, 'TRAINING', day)).toHaveAttribute('placeholder', '0');
    }
    await expect(gridRow(page, 'TRAINING').getByTestId('row-total')).toHaveText('0');
  });

  test('the status filter names the statuses as the chips do', async ({ page }) => {
    await page.goto('/timesheets/entries');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await expect(page.getByRole('option')).toHaveText(['Any', 'Draft', 'Pending', 'Approved', 'Rejected']);
    await page.getByRole('option', { name: 'Pending' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    const chips = page.getByRole('table', { name: 'Timesheet entries' }).locator('.ts-chip');
    await expect(chips.first()).toHaveText('Pending');
  });
});
