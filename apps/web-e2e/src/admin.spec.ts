import { Page, expect, test } from '@playwright/test';
import { newSession } from './support';

async function setManager(carol: Page, on: boolean): Promise<void> {
  await carol.goto('/admin/users');
  await carol.getByLabel('Search by name or email').fill('alice');
  await carol.getByRole('button', { name: 'Search' }).click();
  await carol.getByRole('list', { name: 'Users' }).getByRole('button', { name: /Alice/ }).click();
  const box = carol.getByRole('checkbox', { name: /^manager/ });
  await expect(box).toBeVisible();
  if ((await box.isChecked()) !== on) await box.click();
  await expect(box).toBeChecked({ checked: on });
  await expect(carol.getByText(on ? 'Role manager granted' : 'Role manager removed')).toBeVisible();
}

async function renew(alice: Page): Promise<void> {
  await alice.goto('/profile');
  await alice.getByRole('button', { name: 'Refresh permissions' }).click();
  await expect(alice.getByRole('button', { name: 'Refresh permissions' })).toBeEnabled();
}

test('admin grants the employee the manager role, then takes it away', async ({ browser }) => {
  const carol = await newSession(browser, 'carol');
  const alice = await newSession(browser, 'alice');
  const nav = alice.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0);

  try {
    await setManager(carol, true);
    await renew(alice);
    await expect(alice.getByTestId('granted-scopes')).toContainText('approve:timesheets');
    await expect(nav.getByRole('link', { name: 'Approvals' })).toBeVisible();
    await nav.getByRole('link', { name: 'Approvals' }).click();
    await expect(alice.getByRole('heading', { name: 'Approvals' })).toBeVisible();
  } finally {
    await setManager(carol, false);
  }

  await renew(alice);
  await expect(alice.getByTestId('granted-scopes')).not.toContainText('approve:timesheets');
  await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0);
  await alice.goto('/approvals');
  await expect(alice.getByRole('heading', { name: "You don't have permission" })).toBeVisible();
});
