import {
  ENTRY_TRANSITIONS,
  FieldError,
  ProjectRef,
  SaveWeekRequest,
  TimesheetEntry,
  TimesheetLimits,
  WeekDto,
  WeekEntryInput,
  isValidHours,
} from '@timesheets/contracts';

/**
 * The week grid's model, free of Angular: a row per project, a cell per day. What the person typed is kept apart (a
 * map from cell key to text) so the page can tell what changed, total it as they type, and build the one `PUT` of the
 * week from it.
 */

/** Why a cell cannot be typed into (null: it can). */
export type CellLock =
  /** On or before the period lock. */
  | 'locked'
  /** Holds submitted (pending) or approved hours. */
  | 'submitted'
  /** After the last date that may be booked now. */
  | 'too-late';

export interface GridCell {
  /** `projectId|date`, the key of what was typed. */
  key: string;
  date: string;
  /** Every entry of the project on that day. */
  entries: TimesheetEntry[];
  /** Hours of those entries (every status). */
  hours: number;
  lock: CellLock | null;
  /** The cell's entries that were rejected (their reasons are shown). */
  rejected: TimesheetEntry[];
}

export interface GridRow {
  project: ProjectRef;
  cells: GridCell[];
}

export interface WeekGrid {
  week: string;
  days: string[];
  rows: GridRow[];
}

export const cellKey = (projectId: string, date: string) => `${projectId}|${date}`;

const round2 = (n: number) => Math.round(n * 100) / 100;
const sum = (xs: readonly number[]) => round2(xs.reduce((a, b) => a + b, 0));
const editable = (e: TimesheetEntry) => ENTRY_TRANSITIONS[e.status].edit;

/** Rows for the week's projects and the rows the person added, by project code. */
export function buildWeekGrid(week: WeekDto, added: readonly ProjectRef[] = []): WeekGrid {
  const projects = new Map<string, ProjectRef>();
  for (const e of week.entries) projects.set(e.project.id, e.project);
  for (const p of added) if (!projects.has(p.id)) projects.set(p.id, p);
  const rows = [...projects.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((project) => ({
      project,
      cells: week.days.map((date): GridCell => {
        const entries = week.entries.filter((e) => e.project.id === project.id && e.date === date);
        const lock: CellLock | null =
          week.lockedThrough !== null && date <= week.lockedThrough
            ? 'locked'
            : entries.some((e) => !editable(e))
              ? 'submitted'
              : date > week.latestDate
                ? 'too-late'
                : null;
        return {
          key: cellKey(project.id, date),
          date,
          entries,
          hours: sum(entries.map((e) => e.hours)),
          lock,
          rejected: entries.filter((e) => e.status === 'rejected'),
        };
      }),
    }));
  return { week: week.week, days: week.days, rows };
}

/** What a cell holds now: the typed text read as hours, else its saved hours. NaN when the text is not hours. */
export function cellHours(cell: GridCell, edits: ReadonlyMap<string, number>): number {
  return cell.lock === null && edits.has(cell.key) ? (edits.get(cell.key) as number) : cell.hours;
}

/** True when the hours are something the API accepts in a cell (0 clears it). */
export function isValidCellHours(hours: number): boolean {
  return hours === 0 || isValidHours(hours);
}

export interface GridTotals {
  /** Per row (project), in the grid's row order. */
  rows: number[];
  /** Per day, Monday first. */
  days: number[];
  week: number;
  /** Days over the daily maximum. */
  overDays: boolean[];
  /** Keys of cells holding something that is not valid hours. */
  invalid: Set<string>;
}

/** Totals as the person types (invalid cells count as 0 until fixed). */
export function gridTotals(grid: WeekGrid, edits: ReadonlyMap<string, number>): GridTotals {
  const invalid = new Set<string>();
  const value = (c: GridCell) => {
    const h = cellHours(c, edits);
    if (isValidCellHours(h)) return h;
    invalid.add(c.key);
    return 0;
  };
  const matrix = grid.rows.map((r) => r.cells.map(value));
  const days = grid.days.map((_, i) => sum(matrix.map((r) => r[i])));
  return {
    rows: matrix.map((r) => sum(r)),
    days,
    week: sum(days),
    overDays: days.map((d) => d > TimesheetLimits.dailyHoursMax),
    invalid,
  };
}

/** True when a typed value differs from what is saved. */
export function isDirty(grid: WeekGrid, edits: ReadonlyMap<string, number>): boolean {
  return grid.rows.some((r) =>
    r.cells.some((c) => c.lock === null && edits.has(c.key) && edits.get(c.key) !== c.hours),
  );
}

export interface WeekSave {
  request: SaveWeekRequest;
  /** The cell each request row comes from (`entries[i]` of an API error is `rowKeys[i]`). */
  rowKeys: string[];
}

/**
 * The week's editable entries (drafts and rejected ones) as they should be: what the `PUT` does not list, it deletes.
 * A cell the person did not change keeps its entries as they are (notes, and a rejected entry its reason); a changed
 * cell keeps its first entry (and its notes) with the new hours and drops the others; a cleared cell drops them all.
 */
export function toWeekSave(grid: WeekGrid, edits: ReadonlyMap<string, number>): WeekSave {
  const entries: WeekEntryInput[] = [];
  const rowKeys: string[] = [];
  const push = (key: string, row: WeekEntryInput) => {
    entries.push(row);
    rowKeys.push(key);
  };
  for (const r of grid.rows) {
    for (const c of r.cells) {
      const mine = c.entries.filter(editable);
      if (c.lock !== null) {
        // Locked cells are not the person's to change; listing their drafts keeps them.
        for (const e of mine) push(c.key, inputOf(e));
        continue;
      }
      const hours = cellHours(c, edits);
      if (!edits.has(c.key) || hours === c.hours) {
        for (const e of mine) push(c.key, inputOf(e));
        continue;
      }
      const first = mine[0];
      if (hours > 0)
        push(c.key, first ? { ...inputOf(first), hours } : { date: c.date, projectId: r.project.id, hours });
    }
  }
  return { request: { entries }, rowKeys };
}

function inputOf(e: TimesheetEntry): WeekEntryInput {
  return { id: e.id, date: e.date, projectId: e.project.id, hours: e.hours, notes: e.notes };
}

export interface GridErrors {
  /** Messages per cell key. */
  cells: Map<string, string[]>;
  /** Messages that name no row (or a row the grid no longer has). */
  other: string[];
}

/** Places the API's field errors (`entries[3].hours`) on the cells their rows came from. */
export function placeFieldErrors(errors: readonly FieldError[], rowKeys: readonly string[]): GridErrors {
  const cells = new Map<string, string[]>();
  const other: string[] = [];
  for (const e of errors) {
    const m = /^entries\[(\d+)\]/.exec(e.field);
    const key = m ? rowKeys[Number(m[1])] : undefined;
    if (key === undefined) other.push(e.message);
    else cells.set(key, [...(cells.get(key) ?? []), e.message]);
  }
  return { cells, other };
}

export interface CopiedWeek {
  /** Values for cells that were empty and open, by cell key. */
  values: Map<string, number>;
  /** Projects of the other week to add as rows. */
  projects: ProjectRef[];
  /** Codes of the other week's projects the person can no longer book on (left out). */
  skipped: string[];
}

/**
 * Last week's hours into this week's grid, day by day (Monday to Monday): only into empty cells that can be typed
 * into, only for projects the person may still book on. Nothing is saved until the person saves.
 */
export function copyWeek(
  target: WeekDto,
  source: WeekDto,
  bookable: readonly ProjectRef[],
  edits: ReadonlyMap<string, number>,
): CopiedWeek {
  const open = new Map(bookable.map((p) => [p.id, p]));
  const perCell = new Map<string, { project: ProjectRef; day: number; hours: number }>();
  const skipped = new Set<string>();
  for (const e of source.entries) {
    if (!open.has(e.project.id)) {
      skipped.add(e.project.code);
      continue;
    }
    const day = source.days.indexOf(e.date);
    const k = `${e.project.id}|${day}`;
    const cur = perCell.get(k);
    perCell.set(k, { project: e.project, day, hours: round2((cur?.hours ?? 0) + e.hours) });
  }
  const grid = buildWeekGrid(
    target,
    [...perCell.values()].map((c) => c.project),
  );
  const values = new Map<string, number>();
  const projects = new Map<string, ProjectRef>();
  for (const { project, day, hours } of perCell.values()) {
    const cell = grid.rows.find((r) => r.project.id === project.id)?.cells[day];
    if (!cell || cell.lock !== null || cellHours(cell, edits) !== 0) continue;
    values.set(cell.key, hours);
    projects.set(project.id, project);
  }
  return { values, projects: [...projects.values()], skipped: [...skipped].sort() };
}
