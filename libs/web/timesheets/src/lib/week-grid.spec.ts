import { ProjectRef, TimesheetEntry, TimesheetStatus, WeekDto, weekDays } from '@timesheets/contracts';
import { buildWeekGrid, cellKey, copyWeek, gridTotals, isDirty, placeFieldErrors, toWeekSave } from './week-grid';

const APOLLO: ProjectRef = { id: 'pa', code: 'APOLLO', name: 'Apollo' };
const BORE: ProjectRef = { id: 'pb', code: 'BORE', name: 'Bore' };
const ZED: ProjectRef = { id: 'pz', code: 'ZED', name: 'Zed' };
const W = '2026-W49'; // 30 Nov .. 6 Dec
const DAYS = weekDays(W);

let n = 0;
const entry = (project: ProjectRef, day: number, hours: number, status: TimesheetStatus = 'draft', over = {}) =>
  ({
    id: `e${++n}`,
    ownerId: 'alice',
    ownerName: 'Alice',
    date: DAYS[day],
    project,
    hours,
    notes: null,
    status,
    decidedBy: null,
    decidedAt: null,
    rejectionReason: status === 'rejected' ? 'Wrong project' : null,
    createdAt: '',
    updatedAt: '',
    ...over,
  }) as TimesheetEntry;

const week = (entries: TimesheetEntry[], over: Partial<WeekDto> = {}): WeekDto => ({
  week: W,
  days: DAYS,
  state: 'draft',
  entries,
  totals: { days: [0, 0, 0, 0, 0, 0, 0], week: 0 },
  counts: { draft: 0, pending: 0, approved: 0, rejected: 0 },
  lockedThrough: null,
  latestDate: '2026-12-13',
  ...over,
});

describe('week grid', () => {
  it('has a row per project (the week’s and the added ones, by code) and a cell per day', () => {
    const g = buildWeekGrid(week([entry(BORE, 0, 2), entry(APOLLO, 1, 1), entry(APOLLO, 1, 1.5)]), [ZED, APOLLO]);
    expect(g.rows.map((r) => r.project.code)).toEqual(['APOLLO', 'BORE', 'ZED']);
    expect(g.rows[0].cells.map((c) => c.hours)).toEqual([0, 2.5, 0, 0, 0, 0, 0]);
    expect(g.rows[0].cells[1].key).toBe(cellKey('pa', '2026-12-01'));
    expect(g.rows[2].cells.every((c) => c.entries.length === 0 && c.lock === null)).toBe(true);
  });

  it('locks cells by the period lock, submitted hours and the latest date', () => {
    const g = buildWeekGrid(
      week([entry(APOLLO, 2, 8, 'pending'), entry(APOLLO, 3, 8, 'approved'), entry(APOLLO, 4, 1, 'rejected')], {
        lockedThrough: '2026-11-30',
        latestDate: '2026-12-05',
      }),
    );
    expect(g.rows[0].cells.map((c) => c.lock)).toEqual([
      'locked',
      null,
      'submitted',
      'submitted',
      null,
      null,
      'too-late',
    ]);
    expect(g.rows[0].cells[4].rejected.map((e) => e.rejectionReason)).toEqual(['Wrong project']);
  });

  it('totals per project, per day and the week as typed; shows invalid cells and days over the cap', () => {
    const g = buildWeekGrid(week([entry(APOLLO, 0, 8), entry(BORE, 0, 8, 'pending')]), [ZED]);
    const edits = new Map([
      [cellKey('pa', DAYS[0]), 10],
      [cellKey('pb', DAYS[0]), 1], // submitted: typing does not change it
      [cellKey('pz', DAYS[0]), 7],
      [cellKey('pz', DAYS[1]), NaN],
      [cellKey('pz', DAYS[2]), 24.5],
    ]);
    const t = gridTotals(g, edits);
    expect(t.rows).toEqual([10, 8, 7]);
    expect(t.days).toEqual([25, 0, 0, 0, 0, 0, 0]);
    expect(t.week).toBe(25);
    expect(t.overDays).toEqual([true, false, false, false, false, false, false]);
    expect([...t.invalid]).toEqual([cellKey('pz', DAYS[1]), cellKey('pz', DAYS[2])]);
  });

  it('is dirty only when a typed value differs from what is saved', () => {
    const g = buildWeekGrid(week([entry(APOLLO, 0, 8)]));
    expect(isDirty(g, new Map([[cellKey('pa', DAYS[0]), 8]]))).toBe(false);
    expect(isDirty(g, new Map([[cellKey('pa', DAYS[1]), 0]]))).toBe(false);
    expect(isDirty(g, new Map([[cellKey('pa', DAYS[1]), 1]]))).toBe(true);
  });

  it('builds the week’s PUT: unchanged cells keep their entries, changed ones their first, cleared ones none', () => {
    const unchangedRejected = entry(BORE, 5, 1, 'rejected');
    const kept = entry(APOLLO, 0, 8, 'draft', { notes: 'kick-off' });
    const first = entry(APOLLO, 1, 2, 'draft', { notes: 'a' });
    const second = entry(APOLLO, 1, 3, 'rejected');
    const cleared = entry(APOLLO, 2, 4, 'rejected');
    const submitted = entry(BORE, 0, 6, 'pending');
    const g = buildWeekGrid(week([kept, first, second, cleared, submitted, unchangedRejected]), [ZED]);
    const s = toWeekSave(
      g,
      new Map([
        [cellKey('pa', DAYS[1]), 6],
        [cellKey('pa', DAYS[2]), 0],
        [cellKey('pz', DAYS[3]), 1.5],
        [cellKey('pz', DAYS[4]), 0],
      ]),
    );
    expect(s.request.entries).toEqual([
      { id: kept.id, date: DAYS[0], projectId: 'pa', hours: 8, notes: 'kick-off' },
      { id: first.id, date: DAYS[1], projectId: 'pa', hours: 6, notes: 'a' },
      // An untouched rejected entry is listed as it is: it stays rejected, with its reason.
      { id: unchangedRejected.id, date: DAYS[5], projectId: 'pb', hours: 1, notes: null },
      { date: DAYS[3], projectId: 'pz', hours: 1.5 },
    ]);
    // Not listed, so deleted by the PUT: the second entry of the changed cell and the cleared rejected one.
    expect(s.request.entries.map((e) => e.id)).not.toContain(second.id);
    expect(s.rowKeys).toEqual([
      cellKey('pa', DAYS[0]),
      cellKey('pa', DAYS[1]),
      cellKey('pb', DAYS[5]),
      cellKey('pz', DAYS[3]),
    ]);
  });

  it('keeps drafts of locked cells as they are', () => {
    const old = entry(APOLLO, 0, 3);
    const g = buildWeekGrid(week([old], { lockedThrough: DAYS[0] }));
    const s = toWeekSave(g, new Map([[cellKey('pa', DAYS[0]), 5]]));
    expect(s.request.entries).toEqual([{ id: old.id, date: DAYS[0], projectId: 'pa', hours: 3, notes: null }]);
  });

  it('puts the API’s row errors on their cells', () => {
    const errors = placeFieldErrors(
      [
        { field: 'entries[1].hours', message: 'Hours on 2026-12-01 would add up to 25; at most 24 hours a day.' },
        { field: 'entries[1].projectId', message: 'Project APOLLO is archived: choose an open project.' },
        { field: 'entries[7].hours', message: 'lost row' },
        { field: 'entries', message: 'Entries must be a list of at most 200 rows.' },
      ],
      ['a', 'b'],
    );
    expect(errors.cells.get('b')).toHaveLength(2);
    expect(errors.other).toEqual(['lost row', 'Entries must be a list of at most 200 rows.']);
  });

  it('copies last week into empty open cells of projects still bookable', () => {
    const last = week([entry(APOLLO, 0, 4), entry(APOLLO, 0, 4), entry(BORE, 1, 2), entry(ZED, 2, 1)], {
      week: '2026-W48',
      days: weekDays('2026-W48'),
    });
    last.entries.forEach((e, i) => (e.date = last.days[[0, 0, 1, 2][i]]));
    const current = week([entry(APOLLO, 0, 1)], { lockedThrough: null });
    const c = copyWeek(current, last, [APOLLO, BORE], new Map());
    expect([...c.values]).toEqual([[cellKey('pb', DAYS[1]), 2]]); // Monday of APOLLO already has hours
    expect(c.projects).toEqual([BORE]);
    expect(c.skipped).toEqual(['ZED']);
    const empty = copyWeek(week([]), last, [APOLLO, BORE], new Map());
    expect(empty.values.get(cellKey('pa', DAYS[0]))).toBe(8);
  });
});
