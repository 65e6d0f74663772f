import { expect, test } from '@playwright/test';
import { accessToken, addEntry, apiUrl, entryRow, fillStable, newSession, thisMonday, uniqueProject } from './support';

test('manager approves and rejects an employee entry, and cannot approve their own', async ({ browser }) => {
  const alice = await newSession(browser, 'alice');
  const toApprove = uniqueProject('Approve me');
  const toReject = uniqueProject('Reject me');
  await addEntry(alice, { date: thisMonday(), project: toApprove, hours: '4' });
  await addEntry(alice, { date: thisMonday(), project: toReject, hours: '1' });

  const bob = await newSession(browser, 'bob');
  const own = uniqueProject('Bob own');
  await addEntry(bob, { date: thisMonday(), project: own, hours: '2' });

  await bob.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals' }).click();
  const queue = bob.getByRole('table', { name: 'Entries to approve' });
  await expect(queue.getByRole('row').filter({ hasText: toApprove })).toBeVisible();
  // One's own entries never appear in the queue.
  await expect(queue.getByRole('row').filter({ hasText: own })).toHaveCount(0);

  await queue
    .getByRole('row')
    .filter({ hasText: toApprove })
    .getByRole('button', { name: /^Approve/ })
    .click();
  await expect(queue.getByRole('row').filter({ hasText: toApprove })).toHaveCount(0);

  await queue
    .getByRole('row')
    .filter({ hasText: toReject })
    .getByRole('button', { name: /^Reject/ })
    .click();
  const dialog = bob.getByRole('dialog', { name: 'Reject entry' });
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(dialog.getByText('reason must be 1 to 500 characters')).toBeVisible();
  await fillStable(dialog.getByLabel('Reason'), 'Wrong project code');
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(queue.getByRole('row').filter({ hasText: toReject })).toHaveCount(0);

  // The API refuses approving one's own entry even when called directly.
  const api = await apiUrl(bob);
  const token = await accessToken(bob);
  const mine = await bob.request.get(`${api}/timesheets?limit=100`, { headers: { Authorization: `Bearer ${token}` } });
  const ownEntry = ((await mine.json()) as { items: { id: string; project: string }[] }).items.find(
    (e) => e.project === own,
  );
  expect(ownEntry).toBeDefined();
  const res = await bob.request.post(`${api}/timesheets/${ownEntry?.id}/approve`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(403);

  // Alice sees the outcome: approved is read-only, rejected shows the reason.
  await alice.goto('/timesheets');
  await expect(entryRow(alice, toApprove)).toContainText('Approved');
  await expect(entryRow(alice, toApprove)).toContainText('Read-only');
  await expect(entryRow(alice, toReject)).toContainText('Rejected: Wrong project code');
  await expect(entryRow(alice, toReject).getByRole('button', { name: /^Edit/ })).toBeVisible();
});
