import { Browser, Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { DETAIL_EXPORT_COLUMNS, addDays, weekDays } from '@timesheets/contracts';
import { USERS, expectAccessible, isoWeek, newSession, signIn } from './support';

/**
 * Reports and the managers' dashboard on the demo's data: Alice's last five weeks (this week's drafts, last week
 * pending, the ones before decided by Bob, who manages her team). Payroll (Paula) reports on everybody, Bob on his
 * people, Alice on her own time only.
 */
test.describe.configure({ mode: 'serial' });

let alice: Page;
let bob: Page;

async function sessions(browser: Browser) {
  // Alice's first sign-in writes her demo weeks; Bob's decides the older ones.
  alice ??= await newSession(browser, 'alice');
  bob ??= await newSession(browser, 'bob');
}

/** The month around last week's Monday: it always holds submitted demo hours. */
function lastWeeksMonth(): { from: string; to: string } {
  const monday = weekDays(isoWeek(-1))[0];
  const from = `${monday.slice(0, 7)}-01`;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(next.toISOString().slice(0, 10), -1) };
}

async function openReport(page: Page, query: Record<string, string>, heading = 'Reports'): Promise<void> {
  await page.goto(`/reports?${new URLSearchParams(query)}`);
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

function reportTable(page: Page) {
  return page.getByRole('table', { name: 'Hours report' });
}

/** The row headers of the report's rows (the first grouping), without subtotals. */
async function firstColumn(page: Page): Promise<string[]> {
  const names = await reportTable(page).locator('tbody tr:not(.ts-subtotal) th').allTextContents();
  return [...new Set(names.map((n) => n.trim()))];
}

test.beforeAll(async ({ browser }) => sessions(browser));

test('payroll downloads a month of entries as CSV, matching the report', async ({ browser }) => {
  const paula = await newSession(browser, 'paula');
  const month = lastWeeksMonth();
  await openReport(paula, { ...month, groupBy: 'person' });
  await expect(paula.getByTestId('report-reach')).toHaveText("Everybody's hours.");
  await expect(reportTable(paula).getByRole('rowheader', { name: USERS.alice.name })).toBeVisible();
  const total = (await paula.getByTestId('report-total').textContent())?.trim() ?? '';
  expect(Number(total)).toBeGreaterThan(0);
  await expectAccessible(paula);

  const [download] = await Promise.all([
    paula.waitForEvent('download'),
    paula.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`hours-${month.from}-${month.to}-detail.csv`);
  await expect(paula.getByRole('status').filter({ hasText: 'Saved hours-' })).toBeVisible();
  const rows = parse(await readFile(await download.path()), { bom: true }) as string[][];
  const [header, ...body] = rows;
  expect(header).toEqual([...DETAIL_EXPORT_COLUMNS]);
  const entries = body.filter((r) => r[0] !== 'Total');
  const hoursAt = header.indexOf('Hours');
  const sum = entries.reduce((a, r) => a + Number(r[hoursAt]), 0);
  // Every line is in the month, and the hours add up to the report's total (and the file's own totals row).
  expect(entries.every((r) => r[0] >= month.from && r[0] <= month.to)).toBe(true);
  expect(Math.round(sum * 100) / 100).toBe(Number(total));
  expect(Number(body.at(-1)?.[hoursAt])).toBe(Number(total));
  await paula.context().close();
});

test('a manager sees the team on the approvals page and the team chart', async () => {
  const scripts = new Set<string>();
  bob.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.add(r.url());
  });
  await bob.goto('/approvals');
  const team = bob.getByRole('table', { name: "Your team's weeks" });
  await expect(team).toBeVisible();
  const aliceRow = team.getByRole('row').filter({ has: bob.getByRole('rowheader', { name: /^Alice Employee/ }) });
  // This week is still Alice's drafts; last week she submitted.
  await expect(aliceRow.getByRole('cell').nth(0)).toContainText(/Not submitted|Nothing recorded/);
  await expect(aliceRow.getByRole('cell').nth(1)).toContainText('Submitted');
  await expect(aliceRow.getByRole('cell').nth(1)).toContainText(/of 40 h/);
  await expect(bob.getByRole('progressbar')).toHaveCount(0);
  await expectAccessible(bob);
  // chart.js is not loaded before the reports page.
  const chartChunks = async () => {
    const out: string[] = [];
    for (const url of scripts)
      if ((await (await bob.request.get(url)).text()).includes('Failed to create chart')) out.push(url);
    return out;
  };
  expect(await chartChunks()).toEqual([]);

  await bob.getByRole('link', { name: 'These two weeks as a chart' }).click();
  await expect(bob).toHaveURL(/\/reports\?.*groupBy=person(,|%2C)week/);
  const chart = bob.getByRole('img', { name: /^Hours by person, stacked by week/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /most hours: Alice Employee/);
  // The canvas has been drawn on.
  await expect
    .poll(() =>
      chart.evaluate((c: HTMLCanvasElement) => {
        const px = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
        return false;
      }),
    )
    .toBe(true);
  expect((await chartChunks()).length).toBe(1);
  await bob.getByText("Show the chart's data as a table").click();
  await expect(
    bob.getByRole('table', { name: /: data$/ }).getByRole('rowheader', { name: USERS.alice.name }),
  ).toBeVisible();
  expect(await firstColumn(bob)).toContain(USERS.alice.name);
  await expectAccessible(bob);
});

test('an employee reports on their own time only', async () => {
  const month = lastWeeksMonth();
  await openReport(alice, { ...month, groupBy: 'person,project' });
  await expect(alice.getByTestId('report-reach')).toHaveText('Your own hours.');
  await expect(alice.getByRole('combobox', { name: 'People' })).toHaveCount(0);
  expect(await firstColumn(alice)).toEqual([USERS.alice.name]);
  await expect(alice.getByRole('img', { name: /^Hours by person, stacked by project/ })).toBeVisible();
  await expectAccessible(alice);
  // Someone else's time, by a hand-edited or shared link: refused, not narrowed, and said where it happened (the
  // report names the filter), not as the generic "no permission" page.
  await alice.goto(`/reports?from=${month.from}&to=${month.to}&person=someone-else`);
  await expect(alice.getByRole('alert')).toContainText('Person lists someone whose time you may not report on.');
  await expect(alice).toHaveURL(/\/reports\?.*person=someone-else/);
  await expect(alice.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(reportTable(alice)).toHaveCount(0);
  await expectAccessible(alice);
});

test('the reports page works 360 px wide', async () => {
  await bob.setViewportSize({ width: 360, height: 740 });
  const monday = weekDays(isoWeek(-1))[0];
  await openReport(bob, { from: monday, to: addDays(monday, 6), groupBy: 'person,day' });
  await expect(reportTable(bob)).toBeVisible();
  expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(bob.getByRole('button', { name: 'Download CSV' })).toBeVisible();
  await expectAccessible(bob);
  await bob.goto('/approvals');
  await expect(bob.getByRole('table', { name: "Your team's weeks" })).toBeVisible();
  expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('in German: the team dashboard and the reports page, dates and hours written the German way', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await signIn(page, 'bob');
  await page.goto('/approvals');
  await expect(page).toHaveURL(/\/de\/approvals/);
  const team = page.getByRole('table', { name: 'Die Wochen Ihres Teams' });
  await expect(team).toBeVisible();
  await expect(team.getByRole('columnheader', { name: /^Letzte Woche/ })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectAccessible(page);

  const monday = weekDays(isoWeek(-1))[0];
  await openReport(page, { from: monday, to: addDays(monday, 6), groupBy: 'person,week' }, 'Berichte');
  const [y, m, d] = monday.split('-');
  await expect(page.getByRole('textbox', { name: 'Von' })).toHaveValue(`${d}.${m}.${y}`);
  await expect(
    page.getByRole('img', { name: /^Stunden nach Person, gestapelt nach Woche: Balkendiagramm/ }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Stundenbericht' })
      .getByRole('rowheader', { name: 'Zwischensumme Alice Employee' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'CSV herunterladen' })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
