import { TimesheetEntry } from '@timesheets/contracts';

/** Dates are calendar dates (`YYYY-MM-DD`), computed in UTC so no time zone shifts a day. */
export function toIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** Monday of the ISO week containing `iso`. */
export function startOfWeek(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const offset = (d.getUTCDay() + 6) % 7;
  return addDays(iso, -offset);
}

export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Today's date in the user's own time zone. */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export interface WeekRow {
  project: string;
  hours: number[];
  total: number;
}

export interface WeekGrid {
  days: string[];
  rows: WeekRow[];
  dayTotals: number[];
  total: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Days × projects with daily and weekly totals; entries outside the week are ignored. */
export function buildWeekGrid(monday: string, entries: readonly TimesheetEntry[]): WeekGrid {
  const days = weekDays(monday);
  const byProject = new Map<string, number[]>();
  for (const e of entries) {
    const i = days.indexOf(e.date);
    if (i < 0) continue;
    const row = byProject.get(e.project) ?? new Array<number>(7).fill(0);
    row[i] = round2(row[i] + e.hours);
    byProject.set(e.project, row);
  }
  const rows = [...byProject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([project, hours]) => ({ project, hours, total: round2(hours.reduce((s, h) => s + h, 0)) }));
  const dayTotals = days.map((_, i) => round2(rows.reduce((s, r) => s + r.hours[i], 0)));
  return { days, rows, dayTotals, total: round2(dayTotals.reduce((s, h) => s + h, 0)) };
}
