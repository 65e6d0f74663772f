import { TimesheetEntry } from '@timesheets/contracts';
import { addDays, buildWeekGrid, localToday, startOfWeek } from './week';

const entry = (date: string, project: string, hours: number): TimesheetEntry => ({
  id: `${date}-${project}-${hours}`,
  ownerId: 'u',
  ownerName: null,
  date,
  project,
  hours,
  notes: null,
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: '',
  updatedAt: '',
});

describe('week', () => {
  it('finds Monday', () => {
    expect(startOfWeek('2026-11-25')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-23')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('sums days × projects', () => {
    const g = buildWeekGrid('2026-11-23', [
      entry('2026-11-23', 'B', 2),
      entry('2026-11-23', 'A', 1.25),
      entry('2026-11-23', 'A', 1.5),
      entry('2026-11-29', 'B', 0.1),
      entry('2026-11-30', 'A', 8),
    ]);
    expect(g.rows.map((r) => r.project)).toEqual(['A', 'B']);
    expect(g.rows[0].hours[0]).toBe(2.75);
    expect(g.dayTotals[0]).toBe(4.75);
    expect(g.dayTotals[6]).toBe(0.1);
    expect(g.total).toBe(4.85);
  });

  it('formats local today', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
