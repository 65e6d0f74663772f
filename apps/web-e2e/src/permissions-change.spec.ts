import { expect, test } from '@playwright/test';
import { SCOPE_DESCRIPTIONS } from '@timesheets/contracts';
import { callApi, newSession } from './support';

test('a manager whose role is taken away while signed in loses Approvals and is told so in words', async ({
  browser,
}) => {
  const carol = await newSession(browser, 'carol');
  const aliceId = ((await callApi(carol, 'GET', '/admin/users?q=alice')).json as { items: { id: string }[] }).items[0]
    .id;
  const roles = (await callApi(carol, 'GET', '/admin/roles')).json as { id: string; name: string }[];
  const manager = roles.find((r) => r.name === 'manager')?.id as string;
  expect((await callApi(carol, 'PUT', `/admin/users/${aliceId}/roles/${manager}`)).status).toBe(200);
  try {
    // Alice signs in as a manager and opens her queue.
    const alice = await newSession(browser, 'alice');
    const nav = alice.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Approvals' }).click();
    await expect(alice.getByRole('heading', { name: 'Approvals' })).toBeVisible();

    // Meanwhile the admin takes the role away; the API refuses her token's approve scope from now on.
    expect((await callApi(carol, 'DELETE', `/admin/users/${aliceId}/roles/${manager}`)).status).toBe(200);
    await expect(async () => expect((await callApi(alice, 'GET', '/approvals')).status).toBe(403)).toPass();

    // Her next action on the page meets the refusal: the SPA refreshes her grant and follows it.
    await alice.getByLabel('Status').click();
    await alice.getByRole('option', { name: 'Approved' }).click();
    await alice.getByRole('button', { name: 'Apply' }).click();
    const notice = alice.getByTestId('permissions-changed');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Your permissions have changed');
    await expect(notice).toContainText(SCOPE_DESCRIPTIONS['approve:timesheets']);
    await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'My timesheets' })).toBeVisible();
    // The queue is closed to her now.
    await expect(alice.getByRole('heading', { name: 'Approvals' })).toHaveCount(0);
    // No scope name anywhere on the screen.
    await expect(alice.locator('body')).not.toContainText(/approve:timesheets|scope/i);
    // The grant itself was renewed (code flow): the token she holds no longer carries the scope.
    const flow = ((await (await alice.request.get('/config.json')).json()) as { flow: string }).flow;
    if (flow === 'code') {
      const token = (await alice.evaluate(() => sessionStorage.getItem('access_token'))) as string;
      const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { scope: string };
      expect(payload.scope.split(' ')).not.toContain('approve:timesheets');
    }
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await callApi(carol, 'DELETE', `/admin/users/${aliceId}/roles/${manager}`);
  }
});
