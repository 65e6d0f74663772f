import { randomUUID } from 'node:crypto';
import { isoWeekOf, type TimesheetStatus } from '@timesheets/contracts';
import type { DataSource } from 'typeorm';

/** A seeded entry, as the test inserts it (straight into the table: the reports read what is there). */
export interface Seeded {
  ownerId: string;
  ownerName: string;
  date: string;
  projectId: string;
  hours: number;
  status: TimesheetStatus;
  notes: string | null;
}

/** Deterministic pseudo-random numbers (a linear congruential generator), so that a failure can be replayed. */
export function lcg(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Inserts the entries with plain SQL, on either engine. */
export async function insertEntries(db: DataSource, rows: readonly Seeded[]): Promise<void> {
  const postgres = db.options.type === 'postgres';
  const marks = Array.from({ length: 15 }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
  const sql =
    'INSERT INTO timesheet_entries (id, owner_id, owner_name, date, week, project_id, hours, notes, status, ' +
    `decided_by, decided_at, rejection_reason, created_at, updated_at, version) VALUES (${marks})`;
  const now = new Date().toISOString();
  for (const r of rows) {
    const decided = r.status === 'approved' || r.status === 'rejected';
    await db.query(sql, [
      randomUUID(),
      r.ownerId,
      r.ownerName,
      r.date,
      isoWeekOf(r.date),
      r.projectId,
      r.hours,
      r.notes,
      r.status,
      decided ? 'e2e-approver' : null,
      decided ? now : null,
      r.status === 'rejected' ? 'Wrong project' : null,
      now,
      now,
      1,
    ]);
  }
}

/** `?` placeholders for the engine. */
export function sqlFor(db: DataSource, sql: string): string {
  if (db.options.type !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
