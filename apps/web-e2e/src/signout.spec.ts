import { expect, test } from '@playwright/test';
import { signIn, signOut } from './support';

test('sign-out ends the session here and at the provider', async ({ page }) => {
  await signIn(page, 'alice');
  await signOut(page);
  expect(await page.evaluate(() => sessionStorage.getItem('access_token'))).toBeNull();
  await page.goto('/timesheets');
  // Signed out: the guard sends the visitor to the provider, which asks for credentials again.
  await expect(page.getByLabel('Password')).toBeVisible();
});
