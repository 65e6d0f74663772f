import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import { BehaviorSubject, of, throwError } from 'rxjs';
import { HoursReport, ReportOptionsDto } from '@timesheets/contracts';
import { ReportsApi } from '@timesheets/web-data-access';
import { localToday, provideLocaleDates } from '@timesheets/web-ui';
import { CHART_DRAWER, ChartDrawer } from './hours-chart';
import { ChartModel } from './report-view';
import { ReportsPage } from './reports-page';

const OPTIONS: ReportOptionsDto = {
  reach: 'team',
  people: [{ userId: 'u1', ownerId: 'sub-a', name: 'Alice Employee', email: null }],
  groups: [],
  customers: [],
  projects: [],
  maxPeriodDays: 366,
};
const REPORT: HoursReport = {
  from: '2026-11-01',
  to: '2026-11-30',
  groupBy: ['person', 'week'],
  status: ['pending', 'approved'],
  rows: [
    {
      keys: [
        { dimension: 'person', id: 'sub-a', label: 'Alice Employee' },
        { dimension: 'week', id: '2026-W48', label: null },
      ],
      hours: 38.5,
      entries: 5,
    },
    {
      keys: [
        { dimension: 'person', id: 'sub-a', label: 'Alice Employee' },
        { dimension: 'week', id: '2026-W49', label: null },
      ],
      hours: 8,
      entries: 1,
    },
  ],
  subtotals: [
    { level: 1, keys: [{ dimension: 'person', id: 'sub-a', label: 'Alice Employee' }], hours: 46.5, entries: 6 },
  ],
  totals: { hours: 46.5, entries: 6 },
};

describe('ReportsPage', () => {
  const api = { hours: jest.fn(), options: jest.fn(), exportHours: jest.fn() };
  const router = { navigate: jest.fn() };
  const drawn: ChartModel[] = [];
  const drawer: ChartDrawer = (_canvas, model) => {
    drawn.push(model);
    return { update: (m) => drawn.push(m), destroy: jest.fn() };
  };
  let query: BehaviorSubject<ReturnType<typeof convertToParamMap>>;

  beforeEach(() => {
    jest.resetAllMocks();
    drawn.length = 0;
    query = new BehaviorSubject(
      convertToParamMap({ from: '2026-11-01', to: '2026-11-30', groupBy: 'person,week', person: 'sub-a' }),
    );
    api.options.mockReturnValue(of(OPTIONS));
    api.hours.mockReturnValue(of(REPORT));
    TestBed.configureTestingModule({
      providers: [
        ...provideLocaleDates(),
        { provide: ReportsApi, useValue: api },
        { provide: Router, useValue: router },
        { provide: CHART_DRAWER, useValue: () => Promise.resolve(drawer) },
        { provide: ActivatedRoute, useValue: { queryParamMap: query, snapshot: { queryParamMap: query.value } } },
      ],
    });
  });

  const create = async () => {
    const f = TestBed.createComponent(ReportsPage);
    f.detectChanges();
    await f.whenStable();
    f.detectChanges();
    return f;
  };
  const el = (f: { nativeElement: HTMLElement }) => f.nativeElement;
  const cells = (row: Element) =>
    [...row.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | ');

  it('asks the API for the URL’s report and shows rows, subtotals and the total', async () => {
    const f = await create();
    expect(api.hours).toHaveBeenCalledWith({
      from: '2026-11-01',
      to: '2026-11-30',
      groupBy: ['person', 'week'],
      person: ['sub-a'],
    });
    const table = el(f).querySelector('table[aria-label="Hours report"]') as HTMLTableElement;
    const rows = [...table.querySelectorAll('tbody tr')].map(cells);
    expect(rows).toEqual([
      'Alice Employee | 2026-W48 (23 Nov – 29 Nov) | 38.5 | 5',
      // The person repeats: still there for screen readers, visually hidden.
      'Alice Employee | 2026-W49 (30 Nov – 6 Dec) | 8 | 1',
      'Subtotal Alice Employee | 46.5 | 6',
    ]);
    expect(table.querySelectorAll('tbody tr')[1].querySelector('th .ts-visually-hidden')).not.toBeNull();
    expect(table.querySelector('[data-testid="report-total"]')?.textContent).toBe('46.5');
    expect(el(f).querySelector('[data-testid="report-reach"]')?.textContent).toContain('people you approve for');
  });

  it('draws the chart of the first two groupings, with its data as a table', async () => {
    const f = await create();
    await new Promise((r) => setTimeout(r, 0));
    expect(drawn[0]).toMatchObject({
      categories: ['Alice Employee'],
      series: [
        { label: '2026-W48', values: [38.5] },
        { label: '2026-W49', values: [8] },
      ],
    });
    const canvas = el(f).querySelector('canvas') as HTMLCanvasElement;
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toContain('Hours by person, stacked by week');
    const data = el(f).querySelector('table[aria-label="Hours by person, stacked by week: data"]');
    expect([...(data?.querySelectorAll('tr') ?? [])].map(cells)).toEqual([
      'Person | 2026-W48 | 2026-W49 | Total',
      'Alice Employee | 38.5 | 8 | 46.5',
    ]);
  });

  it('"Show report" writes the form to the URL; a bad period stays in the form', async () => {
    const f = await create();
    const page = f.componentInstance;
    // The date fields show the period in the user's format (en-GB in tests) and give local dates.
    const from = el(f).querySelector('input[name="from"]') as HTMLInputElement;
    expect(from.value).toBe('01/11/2026');
    expect((el(f).querySelector('input[name="to"]') as HTMLInputElement).value).toBe('30/11/2026');
    from.value = '1/10/2026';
    from.dispatchEvent(new Event('input'));
    expect(page.fromDate()?.getDate()).toBe(1);
    page.setGroupBy(1, 'project');
    page.apply();
    expect(router.navigate).toHaveBeenCalledWith([], {
      relativeTo: expect.anything(),
      queryParams: { from: '2026-10-01', to: '2026-11-30', groupBy: 'person,project', person: 'sub-a' },
    });
    router.navigate.mockClear();
    page.fromDate.set(new Date(2027, 0, 1));
    page.apply();
    f.detectChanges();
    expect(router.navigate).not.toHaveBeenCalled();
    expect(el(f).querySelector('[role="alert"]')?.textContent).toContain('From must not be after To.');
    // Text that is no date: the field holds none, and the form says so.
    from.value = '31/02/2026';
    from.dispatchEvent(new Event('input'));
    page.apply();
    f.detectChanges();
    expect(router.navigate).not.toHaveBeenCalled();
    expect(el(f).querySelector('[role="alert"]')?.textContent).toContain('From must be a real date.');
  });

  it('grouping slots: choosing "nothing" clears the ones after it; a dimension is used once', async () => {
    const f = await create();
    const page = f.componentInstance;
    page.setGroupBy(2, 'project');
    expect(page.form().groupBy).toEqual(['person', 'week', 'project']);
    page.setGroupBy(0, 'week');
    expect(page.form().groupBy).toEqual(['week', 'project']);
    expect(page.choicesFor(1)).not.toContain('week');
    page.setGroupBy(1, null);
    expect(page.form().groupBy).toEqual(['week']);
  });

  it('a URL period the API would refuse is not sent', async () => {
    query.next(convertToParamMap({ from: '2026-12-01', to: '2026-11-01' }));
    TestBed.overrideProvider(ActivatedRoute, {
      useValue: { queryParamMap: query, snapshot: { queryParamMap: query.value } },
    });
    const f = await create();
    expect(api.hours).not.toHaveBeenCalled();
    expect(el(f).querySelector('[role="alert"]')?.textContent).toContain('From must not be after To.');
  });

  it('shows the API’s message (too many rows) and keeps the downloads', async () => {
    api.hours.mockReturnValue(
      throwError(
        () => new HttpErrorResponse({ status: 400, error: { message: 'The report would have more than 5000 rows.' } }),
      ),
    );
    const f = await create();
    expect(el(f).textContent).toContain('The report would have more than 5000 rows.');
    expect(el(f).querySelector('ts-report-export')).not.toBeNull();
  });

  it('ready-made: this week by person and day', async () => {
    const f = await create();
    f.componentInstance.preset('teamWeek');
    const params = router.navigate.mock.calls[0][1].queryParams;
    expect(params.groupBy).toBe('person,day');
    const monday = new Date(`${params.from}T00:00:00Z`);
    expect(monday.getUTCDay()).toBe(1);
    expect(params.from <= localToday() && localToday() <= params.to).toBe(true);
  });
});
