import { Page, expect, test } from '@playwright/test';
import { SCOPE_DESCRIPTIONS } from '@timesheets/contracts';
import { expectAccessible, newSession } from './support';

async function setManager(carol: Page, on: boolean): Promise<void> {
  await carol.goto('/admin/users');
  await carol.getByLabel('Search by name or email').fill('alice');
  await carol.getByRole('button', { name: 'Search' }).click();
  await carol.getByRole('list', { name: 'Users' }).getByRole('button', { name: /Alice/ }).click();
  const box = carol.getByRole('checkbox', { name: /^manager/ });
  await expect(box).toBeVisible();
  if ((await box.isChecked()) !== on) {
    await box.click();
    // What the change leaves the user with is shown before it is saved.
    const dialog = carol.getByRole('dialog', { name: "Change Alice Employee's access?" });
    await expect(dialog.getByTestId('access-after')).toContainText(SCOPE_DESCRIPTIONS['read:timesheets']);
    await dialog.getByRole('button', { name: 'Apply change' }).click();
  }
  await expect(box).toBeChecked({ checked: on });
  await expect(carol.getByText(on ? 'Role manager granted' : 'Role manager removed')).toBeVisible();
}

async function openAlice(carol: Page): Promise<void> {
  await carol.goto('/admin/users');
  await carol.getByLabel('Search by name or email').fill('alice');
  await carol.getByRole('button', { name: 'Search' }).click();
  await carol.getByRole('list', { name: 'Users' }).getByRole('button', { name: /Alice/ }).click();
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
    await expect(alice.getByTestId('granted-scopes')).toContainText(SCOPE_DESCRIPTIONS['approve:timesheets']);
    await expect(nav.getByRole('link', { name: 'Approvals' })).toBeVisible();
    await nav.getByRole('link', { name: 'Approvals' }).click();
    await expect(alice.getByRole('heading', { name: 'Approvals' })).toBeVisible();
  } finally {
    await setManager(carol, false);
  }

  await renew(alice);
  await expect(alice.getByTestId('granted-scopes')).not.toContainText(SCOPE_DESCRIPTIONS['approve:timesheets']);
  await expect(nav.getByRole('link', { name: 'Approvals' })).toHaveCount(0);
  await alice.goto('/approvals');
  await expect(alice.getByRole('heading', { name: "You don't have permission" })).toBeVisible();
});

test('admin registers a machine client, which gets a token with the secret shown once, then revokes it', async ({
  browser,
}) => {
  const carol = await newSession(browser, 'carol');
  const { issuer } = (await (await carol.request.get('/config.json')).json()) as { issuer: string };
  const tokenRequest = (id: string, secret: string) =>
    carol.request.post(`${issuer}/token`, {
      form: { grant_type: 'client_credentials', scope: 'import:timesheets' },
      headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
    });

  await carol.goto('/admin/clients');
  const name = `Badge reader ${Date.now()}`;
  const form = carol.getByRole('form', { name: 'Register a machine client' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Register' }).click();
  const shown = carol.getByRole('alert').filter({ hasText: `Secret of ${name}` });
  await expect(shown).toBeVisible();
  const id = (await shown.getByTestId('client-id').textContent())?.trim() ?? '';
  const secret = (await shown.getByTestId('client-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^mcs_/);
  await expectAccessible(carol);
  expect((await tokenRequest(id, secret)).status()).toBe(200);

  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(carol.getByText(secret)).toHaveCount(0);
  await carol.reload();
  const row = carol.getByRole('table', { name: 'Machine clients' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Active');
  await expect(carol.getByText(secret)).toHaveCount(0);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await carol.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  expect((await tokenRequest(id, secret)).status()).toBe(401);
});

test("removing a user's last role warns first that nothing would be left, and Cancel changes nothing", async ({
  browser,
}) => {
  const carol = await newSession(browser, 'carol');
  await openAlice(carol);
  const employee = carol.getByRole('checkbox', { name: /^employee/ });
  await expect(employee).toBeChecked();
  await employee.click();
  const dialog = carol.getByRole('dialog', { name: "Change Alice Employee's access?" });
  await expect(dialog).toContainText('Remove the role employee.');
  await expect(dialog.getByTestId('access-warning')).toContainText('no permissions at all');
  await expect(dialog.getByTestId('access-removed')).toContainText(SCOPE_DESCRIPTIONS['create:timesheets']);
  await expect(dialog.getByTestId('access-after')).toHaveText('Nothing.');
  await expectAccessible(carol);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(employee).toBeChecked();
  await expect(carol.getByText('Role employee removed')).toHaveCount(0);
  await openAlice(carol);
  await expect(carol.getByRole('checkbox', { name: /^employee/ })).toBeChecked();
});

test('the access preview says when the change would be refused: the only admin cannot remove her own admin role', async ({
  browser,
}) => {
  const carol = await newSession(browser, 'carol');
  await carol.goto('/admin/users');
  await carol.getByLabel('Search by name or email').fill('carol');
  await carol.getByRole('button', { name: 'Search' }).click();
  await carol.getByRole('list', { name: 'Users' }).getByRole('button', { name: /Carol/ }).click();
  const admin = carol.getByRole('checkbox', { name: /^admin/ });
  await expect(admin).toBeChecked();
  await admin.click();
  const dialog = carol.getByRole('dialog', { name: "Change Carol Admin's access?" });
  await expect(dialog.getByTestId('access-refusal')).toContainText(
    'nobody who can still sign in would hold every admin',
  );
  await expect(dialog.getByRole('button', { name: 'Apply change' })).toBeDisabled();
  await expectAccessible(carol);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(admin).toBeChecked();
});
