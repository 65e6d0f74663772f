import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, USERS } from './support';

test('signs in with the configured flow, keeps tokens per tab, and sends them only to the API', async ({ page }) => {
  const config = (await (await page.request.get('/config.json')).json()) as {
    flow: string;
    apiUrl: string;
    issuer: string;
  };
  const authorize: URL[] = [];
  const bearerTo = new Set<string>();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/auth') && url.origin === new URL(config.issuer).origin) authorize.push(url);
    if (r.headers()['authorization']?.startsWith('Bearer '))
      bearerTo.add(url.origin + url.pathname.split('/').slice(0, 2).join('/'));
  });

  await page.goto('/timesheets');
  await page.getByLabel('Email').fill(USERS.alice.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-name')).toHaveText(USERS.alice.name);
  // Back where the visitor wanted to go.
  await expect(page).toHaveURL(/\/timesheets$/);
  await expect(page.getByRole('heading', { name: 'My timesheets' })).toBeVisible();

  const params = authorize[0]?.searchParams;
  if (config.flow === 'implicit') {
    expect(params?.get('response_type')).toBe('id_token token');
  } else {
    expect(params?.get('response_type')).toBe('code');
    expect(params?.get('code_challenge_method')).toBe('S256');
    expect(params?.get('code_challenge')).toBeTruthy();
  }
  expect(params?.get('resource')).toBeTruthy();

  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => /token/i.test(k)))).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.getItem('access_token'))).toBeTruthy();
  const api = new URL(config.apiUrl);
  expect([...bearerTo].every((u) => u.startsWith(api.origin))).toBe(true);

  // Another tab of the same browser does not share the session storage: it starts signed out here, and the
  // provider's own session signs it in again without a password.
  const other = await page.context().newPage();
  await other.goto('/');
  expect(await other.evaluate(() => sessionStorage.getItem('access_token'))).toBeNull();
});
