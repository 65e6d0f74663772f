import { addDays, addWeeks, isIsoWeek, isoWeekOf, weekDays, weekStart, weekState } from './weeks';

describe('ISO weeks', () => {
  it.each([
    ['2026-12-07', '2026-W50'],
    ['2026-12-13', '2026-W50'],
    ['2026-12-14', '2026-W51'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2026-01-01', '2026-W01'],
  ])('puts %s in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
    expect(weekDays(week)).toContain(date);
  });

  it('starts weeks on Monday and lists seven days', () => {
    expect(weekStart('2026-W50')).toBe('2026-12-07');
    expect(weekStart('2025-W01')).toBe('2024-12-30');
    expect(weekDays('2026-W53')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
  });

  it.each(['2026-W01', '2026-W53', '2020-W53', '0001-W01'])('accepts %s', (w) => expect(isIsoWeek(w)).toBe(true));
  it.each(['2025-W53', '2026-W00', '2026-W54', '2026-W1', '2026W01', '2026-w01', '2026-12-07', 202601, null])(
    'rejects %s',
    (w) => expect(isIsoWeek(w)).toBe(false),
  );

  it('derives the week state from its entries', () => {
    expect(weekState([])).toBe('empty');
    expect(weekState(['approved', 'approved'])).toBe('approved');
    expect(weekState(['approved', 'pending'])).toBe('pending');
    expect(weekState(['pending', 'draft'])).toBe('draft');
    expect(weekState(['draft', 'rejected', 'approved'])).toBe('rejected');
  });
});
