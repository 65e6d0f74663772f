import { HoursReport, ReportDimension, ReportKey } from '@timesheets/contracts';
import { MAX_SERIES, axisLabel, keyLabel, reportChart, reportLines } from './report-view';

const k = (dimension: ReportDimension, id: string | null, label: string | null = null): ReportKey => ({
  dimension,
  id,
  label,
});
const alice = k('person', 'sub-a', 'Alice Employee');
const dan = k('person', 'sub-d', 'Dan');
const apollo = k('project', 'p1', 'APOLLO Apollo');
const zeus = k('project', 'p2', 'ZEUS Zeus');
const w49 = k('week', '2026-W49');
const w50 = k('week', '2026-W50');

const report = (groupBy: ReportDimension[], over: Partial<HoursReport>): HoursReport => ({
  from: '2026-11-30',
  to: '2026-12-13',
  groupBy,
  status: ['pending', 'approved'],
  rows: [],
  subtotals: [],
  totals: { hours: 0, entries: 0 },
  ...over,
});

describe('report view', () => {
  it('labels keys: the API’s name, dates and weeks in words, "none"', () => {
    expect(keyLabel(alice)).toBe('Alice Employee');
    expect(keyLabel(k('person', 'sub-x'))).toBe('sub-x');
    expect(keyLabel(k('customer', null))).toBe('No customer');
    expect(keyLabel(k('group', null))).toBe('No group');
    expect(keyLabel(k('billable', 'true'))).toBe('Billable');
    expect(keyLabel(k('billable', 'false'))).toBe('Not billable');
    expect(keyLabel(k('day', '2026-12-07'))).toBe('7 December 2026');
    expect(keyLabel(w49)).toBe('2026-W49 (30 Nov – 6 Dec)');
    expect(keyLabel(k('month', '2026-11'))).toBe('November 2026');
  });

  it('puts each subtotal after the last row of its group, innermost first', () => {
    const r = report(['person', 'project', 'week'], {
      rows: [
        { keys: [alice, apollo, w49], hours: 8, entries: 1 },
        { keys: [alice, apollo, w50], hours: 4, entries: 1 },
        { keys: [alice, zeus, w49], hours: 2, entries: 1 },
        { keys: [dan, apollo, w49], hours: 1, entries: 1 },
      ],
      subtotals: [
        { level: 1, keys: [alice], hours: 14, entries: 3 },
        { level: 1, keys: [dan], hours: 1, entries: 1 },
        { level: 2, keys: [alice, apollo], hours: 12, entries: 2 },
        { level: 2, keys: [alice, zeus], hours: 2, entries: 1 },
        { level: 2, keys: [dan, apollo], hours: 1, entries: 1 },
      ],
      totals: { hours: 15, entries: 4 },
    });
    const lines = reportLines(r).map((l) => `${l.kind}:${l.cells.map((c) => c.slice(0, 8)).join('/')}=${l.hours}`);
    expect(lines).toEqual([
      'row:Alice Em/APOLLO A/2026-W49=8',
      'row:Alice Em/APOLLO A/2026-W50=4',
      'subtotal:Alice Em/APOLLO A=12',
      'row:Alice Em/ZEUS Zeu/2026-W49=2',
      'subtotal:Alice Em/ZEUS Zeu=2',
      'subtotal:Alice Em=14',
      'row:Dan/APOLLO A/2026-W49=1',
      'subtotal:Dan/APOLLO A=1',
      'subtotal:Dan=1',
    ]);
    // A value equal to the line above's (same group) is shown once.
    expect(reportLines(r)[1].repeated).toEqual([true, true, false]);
    expect(reportLines(r)[3].repeated).toEqual([false, false, false]);
  });

  it('one dimension: rows only; none: no lines and no chart', () => {
    const r = report(['project'], { rows: [{ keys: [apollo], hours: 3, entries: 1 }] });
    expect(reportLines(r).map((l) => l.kind)).toEqual(['row']);
    expect(reportChart(report([], {}))).toBeNull();
  });

  it('charts hours per project stacked by week (weeks in order, missing ones 0)', () => {
    const r = report(['project', 'week'], {
      rows: [
        { keys: [apollo, w50], hours: 4, entries: 1 },
        { keys: [zeus, w49], hours: 2, entries: 1 },
        { keys: [zeus, w50], hours: 1.5, entries: 1 },
      ],
    });
    expect(reportChart(r)).toEqual({
      categoryDimension: 'project',
      seriesDimension: 'week',
      categories: ['APOLLO Apollo', 'ZEUS Zeus'],
      series: [
        { label: '2026-W49', values: [0, 2] },
        { label: '2026-W50', values: [4, 1.5] },
      ],
      horizontal: true,
    });
  });

  it('charts the first two dimensions of three from the subtotals', () => {
    const r = report(['person', 'day', 'project'], {
      rows: [],
      subtotals: [
        { level: 2, keys: [alice, k('day', '2026-12-07')], hours: 8, entries: 2 },
        { level: 1, keys: [alice], hours: 8, entries: 2 },
      ],
    });
    const c = reportChart(r);
    expect(c?.categories).toEqual(['Alice Employee']);
    expect(c?.series).toEqual([{ label: '7 December 2026', values: [8] }]);
  });

  it('a single dimension is one series; time along the axis stands upright', () => {
    const r = report(['week'], {
      rows: [
        { keys: [w49], hours: 30, entries: 4 },
        { keys: [w50], hours: 10, entries: 2 },
      ],
    });
    expect(reportChart(r)).toMatchObject({
      categories: ['2026-W49', '2026-W50'],
      series: [{ label: 'Hours', values: [30, 10] }],
      horizontal: false,
      seriesDimension: null,
    });
  });

  it('beyond the largest series, the rest is summed as "Other"', () => {
    const projects = Array.from({ length: MAX_SERIES + 3 }, (_, i) => k('project', `p${i}`, `P${i}`));
    const r = report(['week', 'project'], {
      rows: projects.map((p, i) => ({ keys: [w49, p], hours: i + 1, entries: 1 })),
    });
    const c = reportChart(r);
    expect(c?.series).toHaveLength(MAX_SERIES);
    expect(c?.series.at(-1)).toEqual({ label: 'Other', values: [1 + 2 + 3 + 4] });
    // The totals stay whole.
    const sum = c?.series.reduce((a, s) => a + s.values[0], 0);
    expect(sum).toBe(((MAX_SERIES + 3) * (MAX_SERIES + 4)) / 2);
  });
});

describe('axisLabel', () => {
  it('cuts long names to what a narrow chart leaves them, and keeps them on a wide one', () => {
    expect(axisLabel('CONTOSO-ERP Contoso ERP rollout', 310)).toBe('CONTOSO-ERP…');
    expect(axisLabel('CONTOSO-ERP Contoso ERP rollout', 1160)).toBe('CONTOSO-ERP Contoso ERP rollout');
    expect(axisLabel('2026-W49', 200)).toBe('2026-W49');
  });
});
