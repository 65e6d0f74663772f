import { expect, test, type Page } from '@playwright/test';
import { USERS, callApi, newSession } from './support';

/** The provider's address and the SPA's client, from the SPA's own configuration. */
async function spaConfig(page: Page): Promise<{ issuer: string; clientId: string }> {
  return (await (await page.request.get('/config.json')).json()) as { issuer: string; clientId: string };
}

/** Nothing of the provider's answer is left in the address bar. */
async function expectCleanAddress(page: Page): Promise<void> {
  const url = new URL(page.url());
  for (const p of ['error', 'error_description', 'state', 'iss', 'code']) expect(url.searchParams.has(p)).toBe(false);
  expect(url.hash).toBe('');
}

test('Cancel on the sign-in page says sign-in was cancelled, cleans the address and offers to sign in again', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await expect(page.getByLabel('Password')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  const alert = page.getByTestId('sign-in-problem');
  await expect(alert).toHaveText('Sign-in was cancelled.');
  await expect(page.getByText(/could not be reached/)).toHaveCount(0);
  await expectCleanAddress(page);
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('the provider answering login_required and invalid_request gets plain words, never the code', async ({ page }) => {
  const { issuer, clientId } = await spaConfig(page);
  const redirect = new URL('/', page.url() === 'about:blank' ? test.info().project.use.baseURL : page.url()).href;
  const authorize = (extra: Record<string, string>) =>
    `${issuer}/auth?${new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirect,
      response_type: 'code',
      scope: 'openid',
      state: 'not-started-here',
      ...extra,
    })}`;

  // Nobody is signed in at the provider: prompt=none comes back with login_required.
  await page.goto(
    authorize({
      prompt: 'none',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }),
  );
  await expect(page.getByTestId('sign-in-problem')).toHaveText('The sign-in service asks you to sign in again.');
  await expectCleanAddress(page);

  // No PKCE: the provider refuses the request (invalid_request) and says so to the redirect URI.
  await page.goto(authorize({}));
  await expect(page.getByTestId('sign-in-problem')).toContainText('did not accept the sign-in request');
  await expectCleanAddress(page);
  await expect(page.locator('body')).not.toContainText(/invalid_request|login_required|PKCE/);
});

test('every other answer has its own message, and an answer this tab did not ask for is ignored', async ({ page }) => {
  const cases: [string, string | RegExp][] = [
    [
      'error=consent_required&state=x',
      'Timesheets needs your permission to use your account. Sign in again and choose Allow.',
    ],
    ['error=interaction_required&state=x', /needs you to confirm something first/],
    ['error=server_error&error_description=boom&state=x', /Sign-in could not be completed/],
    // A code with a state no sign-in in this tab started (an old link, another tab, a forged answer).
    ['code=forged-code&state=forged-state', /does not belong to a sign-in started here/],
  ];
  for (const [query, message] of cases) {
    await page.goto(`/?${query}`);
    await expect(page.getByTestId('sign-in-problem')).toHaveText(message);
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    await expectCleanAddress(page);
    await expect(page.locator('body')).not.toContainText(/consent_required|interaction_required|server_error|boom/);
  }
});

test("the provider's sign-in page: no subtitle repeating the title, Cancel beside Sign in", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await expect(page.getByRole('heading', { name: 'Sign in to Timesheets' })).toBeVisible();
  await expect(page.getByText('to continue to Timesheets')).toHaveCount(0);
  const signIn = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
  const cancel = await page.getByRole('button', { name: 'Cancel' }).boundingBox();
  if (!signIn || !cancel) throw new Error('buttons not laid out');
  // One row: the same top and height, Cancel to the right of Sign in.
  expect(Math.abs(cancel.y - signIn.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(cancel.height - signIn.height)).toBeLessThanOrEqual(1);
  expect(cancel.x).toBeGreaterThan(signIn.x + signIn.width);
  expect(cancel.x - (signIn.x + signIn.width)).toBeLessThanOrEqual(16);
});

test('a blocked account signing in again is told so, not that sign-in was cancelled', async ({ browser }) => {
  const carol = await newSession(browser, 'carol');
  const bob = await newSession(browser, 'bob');
  const found = await callApi(carol, 'GET', `/admin/users?q=${encodeURIComponent(USERS.bob.email)}`);
  const id = (found.json as { items: { id: string; email: string }[] }).items.find(
    (u) => u.email === USERS.bob.email,
  )?.id;
  expect(id).toBeTruthy();
  try {
    expect((await callApi(carol, 'POST', `/admin/users/${id}/block`)).status).toBe(200);
    // Bob's tab forgets its tokens and he signs in again: the provider still has his session, and refuses it.
    // The tab leaves the SPA first: its own reaction to the block (a refresh, a redirect) could otherwise abort the
    // navigation below (net::ERR_ABORTED, seen once in a full run).
    await bob.evaluate(() => sessionStorage.clear());
    await bob.goto('about:blank');
    await bob.goto('/');
    await bob.getByRole('button', { name: 'Sign in' }).first().click();
    await expect(bob.getByTestId('sign-in-problem')).toHaveText('This account cannot sign in. Ask your administrator.');
    await expect(bob.getByText('Sign-in was cancelled.')).toHaveCount(0);
    await expectCleanAddress(bob);
  } finally {
    expect((await callApi(carol, 'POST', `/admin/users/${id}/unblock`)).status).toBe(200);
  }
});
