import { expect, test } from '@playwright/test';
import { signIn, signOut } from './support';

test('sign-out ends the session here and at the provider, without asking twice', async ({ page }) => {
  await signIn(page, 'alice');
  // What the provider's end-session endpoint shows (read through the route, so no navigation races the body).
  const endSessionPages: string[] = [];
  await page.route(/\/session\/end(\?|$)/, async (route) => {
    const response = await route.fetch();
    endSessionPages.push(await response.text());
    await route.fulfill({ response });
  });
  await signOut(page);
  expect(endSessionPages).toHaveLength(1);
  expect(endSessionPages[0]).not.toContain('Sign out of Timesheets?');
  expect(await page.evaluate(() => sessionStorage.getItem('access_token'))).toBeNull();
  await page.goto('/timesheets');
  // Signed out: the guard sends the visitor to the provider, which asks for credentials again.
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('a normal sign-out sends no request that fails and logs no error', async ({ page }) => {
  await signIn(page, 'alice');
  // A user signs out of a page that has loaded: what the page was still fetching (its lazy chunk, the theme) would be
  // aborted by any navigation, not by the sign-out.
  await page.waitForLoadState('networkidle');
  const problems: string[] = [];
  const revocations: { hint: string | null; status: number }[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`);
    if (r.url().includes('/token/revocation') && r.request().method() === 'POST')
      revocations.push({
        hint: new URLSearchParams(r.request().postData() ?? '').get('token_type_hint'),
        status: r.status(),
      });
  });
  await signOut(page);
  expect(problems).toEqual([]);
  // The code flow revokes its refresh token; the implicit flow has none. The JWT access token is never sent.
  const flow = ((await (await page.request.get('/config.json')).json()) as { flow: string }).flow;
  expect(revocations).toEqual(flow === 'code' ? [{ hint: 'refresh_token', status: 200 }] : []);
});
