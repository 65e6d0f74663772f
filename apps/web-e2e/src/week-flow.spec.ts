import { Browser, Page, expect, test } from '@playwright/test';
import type { Page as ApiPage } from '@timesheets/contracts';
import { ApprovalOptionsDto, SCOPE_DESCRIPTIONS, TimesheetEntry, isoWeekOf, weekDays } from '@timesheets/contracts';
import {
  USERS,
  addProjectRow,
  callApi,
  expectAccessible,
  gridCell,
  isoWeek,
  newSession,
  openWeek,
  queueRow,
  saveWeek,
  submitWeek,
  uniqueName,
} from './support';

/**
 * The week from typing to approval, on the demo's team (Engineering: Bob manages Alice), one step after the other:
 * Alice types and submits, Bob approves; a manager of another team is refused; Bob approves two weeks at once; an
 * admin locks a period and Alice's week can no longer change. Weeks far in the past are used where the demo data
 * (the last five weeks) would be in the way.
 */
test.describe.configure({ mode: 'serial' });

let alice: Page;
let bob: Page;
let carol: Page;

async function sessions(browser: Browser) {
  alice ??= await newSession(browser, 'alice');
  bob ??= await newSession(browser, 'bob');
  carol ??= await newSession(browser, 'carol');
}

/** Alice books `hours` on TRAINING's Monday of `week`, saves, and submits unless told not to. */
async function aliceBooks(week: string, hours: string, submit = true): Promise<void> {
  await openWeek(alice, week);
  await addProjectRow(alice, 'TRAINING');
  await gridCell(alice, 'TRAINING', 0).fill(hours);
  await saveWeek(alice);
  if (submit) {
    await submitWeek(alice);
    await expect(alice.getByTestId('week-state')).toContainText('waiting for approval');
  }
}

test.beforeAll(async ({ browser }) => {
  await sessions(browser);
});

test("alice sees why the demo's rejected week was rejected, and can change it", async () => {
  // The demo's rejection is made by Bob once both have signed in (beforeAll).
  const rejected = (await callApi(alice, 'GET', '/timesheets?status=rejected&limit=1')).json as ApiPage<TimesheetEntry>;
  const entry = rejected.items[0];
  expect(entry?.rejectionReason).toBeTruthy();
  await openWeek(alice, isoWeekOf(entry.date));
  await expect(alice.getByTestId('week-state')).toContainText('Rejected');
  await expect(alice.getByRole('list', { name: 'Why hours were rejected' })).toContainText(
    entry.rejectionReason as string,
  );
  const cell = gridCell(alice, entry.project.code, weekDays(isoWeekOf(entry.date)).indexOf(entry.date));
  await expect(cell).not.toHaveAttribute('readonly', '');
  await expect(cell).toHaveAttribute('aria-describedby', new RegExp(`reason-${entry.id}`));
  await expectAccessible(alice);
});

test('alice types a week with the keyboard and submits it; bob approves it', async () => {
  const week = isoWeek(-7);
  await openWeek(alice, week);
  await addProjectRow(alice, 'NW-WEB');
  for (const h of ['8', '7.5', '8', '6', '4']) {
    await alice.keyboard.type(h);
    await alice.keyboard.press('Tab');
  }
  await saveWeek(alice);
  await expect(alice.getByTestId('week-state')).toContainText('Not submitted yet');
  const total = await submitWeek(alice);
  expect(total).toBe('33.5');
  await expect(alice.getByTestId('week-state')).toContainText('Submitted: waiting for approval');
  await expect(gridCell(alice, 'NW-WEB', 0)).toHaveAttribute('readonly', '');

  await bob.goto(`/approvals?from=${week}&to=${week}`);
  const row = queueRow(bob, USERS.alice.name, week);
  await expect(row).toContainText('33.5');
  await row.getByRole('button', { name: /^Entries of/ }).click();
  await expect(bob.getByRole('table', { name: /^Entries of Alice Employee/ })).toContainText('NW-WEB');
  await row.getByRole('button', { name: /^Approve/ }).click();
  await expect(bob.getByText('Approved 1 week (5 entries)')).toBeVisible();
  // The week stays in the list with its new state (approvals-undo.spec.ts covers the Undo).
  await expect(row).toContainText('Approved');

  await openWeek(alice, week);
  await expect(alice.getByTestId('week-state')).toContainText('Approved');
});

test("a manager of another team does not see alice's weeks and cannot decide them", async () => {
  const week = isoWeek(-8);
  await aliceBooks(week, '2');
  const options = (await callApi(bob, 'GET', '/approvals/options')).json as ApprovalOptionsDto;
  const aliceId = options.people.find((p) => p.email === USERS.alice.email)?.userId as string;
  expect(aliceId).toBeTruthy();

  // Carol becomes the manager of a team of her own (a group she manages, with the manager role).
  const users = (await callApi(carol, 'GET', '/admin/users?q=carol')).json as { items: { id: string }[] };
  const carolId = users.items[0].id;
  const roles = (await callApi(carol, 'GET', '/admin/roles')).json as { id: string; name: string }[];
  const manager = roles.find((r) => r.name === 'manager')?.id as string;
  const group = (await callApi(carol, 'POST', '/admin/groups', { name: uniqueName('Sales') })).json as {
    id: string;
  };
  try {
    expect((await callApi(carol, 'PUT', `/admin/users/${carolId}/roles/${manager}`)).status).toBe(200);
    expect((await callApi(carol, 'PUT', `/admin/groups/${group.id}/managers/${carolId}`)).status).toBe(200);
    await carol.goto('/profile');
    await carol.getByRole('button', { name: 'Refresh permissions' }).click();
    await expect(carol.getByTestId('granted-scopes')).toContainText(SCOPE_DESCRIPTIONS['approve:timesheets']);

    await carol.goto(`/approvals?from=${week}&to=${week}`);
    await expect(carol.getByText('Nothing here for these filters.')).toBeVisible();
    const decide = await callApi(carol, 'POST', '/approvals/decisions', {
      decision: 'approve',
      items: [{ userId: aliceId, week }],
    });
    expect(decide.status).toBe(404);
    expect((await callApi(carol, 'GET', `/approvals/people/${aliceId}/weeks/${week}`)).status).toBe(404);
  } finally {
    await callApi(carol, 'DELETE', `/admin/users/${carolId}/roles/${manager}`);
    await callApi(carol, 'DELETE', `/admin/groups/${group.id}`);
  }
  // Nothing changed: the week still waits for Bob.
  await bob.goto(`/approvals?from=${week}&to=${week}`);
  await expect(queueRow(bob, USERS.alice.name, week)).toContainText('Pending');
});

test('bob approves several weeks at once', async () => {
  const [first, second] = [isoWeek(-10), isoWeek(-9)];
  await aliceBooks(first, '3');
  await aliceBooks(second, '4');

  await bob.goto(`/approvals?from=${isoWeek(-10)}&to=${isoWeek(-8)}`);
  // The filters are in the URL, and so in the form.
  await expect(bob.getByLabel('From week')).toHaveValue(first);
  for (const w of [first, second, isoWeek(-8)]) await expect(queueRow(bob, USERS.alice.name, w)).toBeVisible();
  await bob.getByRole('checkbox', { name: 'Select every pending week on this page' }).check();
  await expect(bob.getByTestId('selection-count')).toHaveText('3 selected');
  await bob.getByRole('button', { name: 'Approve selected' }).click();
  await expect(bob.getByText('Approved 3 weeks (3 entries)')).toBeVisible();
  for (const w of [first, second, isoWeek(-8)])
    await expect(queueRow(bob, USERS.alice.name, w)).toContainText('Approved');
  await expect(bob.getByRole('button', { name: 'Approve selected' })).toHaveCount(0);

  await bob.getByLabel('Status').click();
  await bob.getByRole('option', { name: 'Approved' }).click();
  await bob.getByRole('button', { name: 'Apply' }).click();
  await expect(bob).toHaveURL(/status=approved/);
  for (const w of [first, second]) await expect(queueRow(bob, USERS.alice.name, w)).toContainText('Approved');
});

test('an admin locks a period: the week becomes read-only and its submission is refused', async () => {
  const week = isoWeek(-12);
  const sunday = weekDays(week)[6];
  await aliceBooks(week, '5', false);

  await carol.goto('/admin/period-lock');
  await carol.getByLabel('Lock through').fill(sunday);
  await carol.getByRole('button', { name: 'Move the lock' }).click();
  const confirm = carol.getByRole('alertdialog', { name: /^Lock timesheets through/ });
  await confirm.getByRole('button', { name: 'Lock' }).click();
  await expect(carol.getByTestId('locked-through')).toContainText('locked through');
  try {
    await openWeek(alice, week);
    await expect(alice.getByTestId('lock-note')).toBeVisible();
    await expect(gridCell(alice, 'TRAINING', 0)).toHaveAttribute('readonly', '');
    await expect(gridCell(alice, 'TRAINING', 6)).toHaveAttribute('readonly', '');
    await alice.getByRole('button', { name: 'Submit week' }).click();
    await alice
      .getByRole('dialog', { name: /^Submit week/ })
      .getByRole('button', { name: 'Submit week' })
      .click();
    await expect(alice.getByTestId('save-errors')).toContainText('locked through');
    await openWeek(alice, week);
    await expect(alice.getByTestId('week-state')).toContainText('Not submitted yet');
  } finally {
    await carol.goto('/admin/period-lock');
    await carol.getByRole('button', { name: 'Lift the lock' }).click();
    await carol
      .getByRole('alertdialog', { name: 'Lift the period lock?' })
      .getByRole('button', { name: 'Lift the lock' })
      .click();
    await expect(carol.getByTestId('locked-through')).toContainText('Nothing is locked');
  }
});
