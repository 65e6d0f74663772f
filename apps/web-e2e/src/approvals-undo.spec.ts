import { Browser, Page, expect, test } from '@playwright/test';
import type { WeekDto } from '@timesheets/contracts';
import {
  USERS,
  addProjectRow,
  callApi,
  gridCell,
  isoWeek,
  newSession,
  openWeek,
  queueRow,
  saveWeek,
  submitWeek,
} from './support';

/** After approving (or rejecting) in the queue, the week stays listed, greyed, with its new state and an Undo. */
test.describe.configure({ mode: 'serial' });

let alice: Page;
let bob: Page;
const week = isoWeek(-6);

async function sessions(browser: Browser) {
  alice ??= await newSession(browser, 'alice');
  bob ??= await newSession(browser, 'bob');
}

test.beforeAll(async ({ browser }) => {
  await sessions(browser);
  await openWeek(alice, week);
  await addProjectRow(alice, 'TRAINING');
  await gridCell(alice, 'TRAINING', 1).fill('5');
  await saveWeek(alice);
  await submitWeek(alice);
});

const weekState = async () => ((await callApi(alice, 'GET', `/weeks/${week}`)).json as WeekDto).state;

test('an approved week stays visible, greyed and approved; Undo makes it pending again at the API', async () => {
  await bob.goto(`/approvals?from=${week}&to=${week}`);
  const row = queueRow(bob, USERS.alice.name, week);
  await row.getByRole('button', { name: /^Approve/ }).click();
  await expect(row).toBeVisible();
  await expect(row).toContainText('Approved');
  await expect(row).toHaveClass(/ts-decided/);
  await expect(row.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  expect(await weekState()).toBe('approved');

  await row.getByRole('button', { name: /^Undo/ }).click();
  await expect(row).toContainText('Pending');
  await expect(row).not.toHaveClass(/ts-decided/);
  await expect(row.getByRole('button', { name: /^Approve/ })).toBeVisible();
  await expect.poll(weekState).toBe('pending');
});

test('Undo goes away after a few seconds; the week stays listed as approved', async () => {
  const row = queueRow(bob, USERS.alice.name, week);
  await row.getByRole('button', { name: /^Approve/ }).click();
  const undo = row.getByRole('button', { name: /^Undo/ });
  await expect(undo).toBeVisible();
  await expect(undo).toHaveCount(0, { timeout: 15_000 });
  await expect(row).toContainText('Approved');
  expect(await weekState()).toBe('approved');
});
