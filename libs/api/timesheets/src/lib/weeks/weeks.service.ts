import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ENTRY_TRANSITIONS,
  type FieldError,
  type ProjectRef,
  TIMESHEET_STATUSES,
  TimesheetMessages as M,
  TimesheetRuleMessages as R,
  type TimesheetEntry,
  type TimesheetStatus,
  TimesheetStatus as S,
  type WeekDto,
  weekDays,
  weekState,
} from '@timesheets/contracts';
import { FieldErrorsException, type Principal } from '@timesheets/api-core';
import { EntryChanges } from '../entries/entry-changes';
import { type EntryRecord, EntryRepository, round2 } from '../entries/entry.repository';
import { EntryRules, type RowChange } from '../entries/entry-rules';
import { type EntryRow, newEntryFields, sameFields, toEntry } from '../entries/entry.table';
import { PeriodLockRepository } from '../period-lock/period-lock.repository';
import type { SaveWeekDto, WeekEntryDto } from '../dto/week.dto';

/** The totals of a week's entries: per day (Monday first) and in all. */
export function weekTotals(days: readonly string[], entries: readonly Pick<TimesheetEntry, 'date' | 'hours'>[]) {
  const perDay = days.map((d) => round2(entries.filter((e) => e.date === d).reduce((sum, e) => sum + e.hours, 0)));
  return { days: perDay, week: round2(perDay.reduce((a, b) => a + b, 0)) };
}

/**
 * A person's ISO week: read it, save its drafts in one request (all or nothing), submit it. The same rules as single
 * entries (EntryRules), checked for every row, the errors naming the row (`entries[3].hours`).
 */
@Injectable()
export class WeeksService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly changes: EntryChanges,
    private readonly rules: EntryRules,
    private readonly lock: PeriodLockRepository,
  ) {}

  async get(principal: Principal, week: string): Promise<WeekDto> {
    const days = weekDays(week);
    const records = await this.entries.ofOwner(principal.subject, days[0], days[6]);
    return this.dto(week, records, (await this.lock.read()).lockedThrough);
  }

  /**
   * The week's editable entries become what the request lists: rows without id are created, rows with the id of a
   * draft update it, rows with the id of a rejected entry make it a draft again if anything changed, drafts and
   * rejected entries not listed are deleted.
   */
  async save(principal: Principal, week: string, dto: SaveWeekDto): Promise<WeekDto> {
    const days = weekDays(week);
    const rows: (RowChange & WeekEntryDto)[] = dto.entries.map((e, i) => ({ ...e, at: `entries[${i}].` }));
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      if (!days.includes(r.date))
        problems.push({ field: `${r.at}date`, message: R.dateOutsideWeek(week, days[0], days[6]) });
      if (r.id !== undefined) {
        if (seen.has(r.id)) problems.push({ field: `${r.at}id`, message: M.duplicateRow });
        seen.add(r.id);
      }
    }
    if (problems.length > 0) throw new FieldErrorsException(problems);
    this.rules.checkNotTooLate(rows);

    await this.changes.asOwner(principal, async ({ m, lockedThrough, audit }) => {
      const existing = await this.entries.ofOwner(principal.subject, days[0], days[6], m);
      const byId = new Map(existing.map((e) => [e.row.id, e]));
      const unknown = rows.filter((r) => r.id !== undefined && !byId.has(r.id));
      if (unknown.length > 0)
        throw new FieldErrorsException(unknown.map((r) => ({ field: `${r.at}id`, message: R.notInWeek(week) })));
      const locked = rows.find(
        (r) => r.id !== undefined && !ENTRY_TRANSITIONS[byId.get(r.id)?.row.status ?? 'approved'].edit,
      );
      if (locked) throw new ConflictException(R.notEditable(byId.get(locked.id as string)?.row.status ?? S.Approved));
      const projects = await this.rules.bookable(principal, rows, m);

      const now = this.rules.now();
      const listed = new Set(rows.map((r) => r.id).filter((id) => id !== undefined));
      const deleted = existing.filter((e) => ENTRY_TRANSITIONS[e.row.status].delete && !listed.has(e.row.id));
      const created: EntryRow[] = [];
      const updated: { before: EntryRecord; next: Partial<EntryRow> }[] = [];
      for (const r of rows) {
        const values = newEntryFields(r);
        if (r.id === undefined) {
          created.push({
            id: randomUUID(),
            ownerId: principal.subject,
            ownerName: principal.name ?? principal.email,
            week,
            ...values,
            status: S.Draft,
            decidedBy: null,
            decidedAt: null,
            rejectionReason: null,
            createdAt: now,
            updatedAt: now,
            version: 1,
          });
          continue;
        }
        const before = byId.get(r.id) as EntryRecord;
        // An unchanged draft stays as it is, and so does an unchanged rejected entry.
        if (sameFields(before.row, values)) continue;
        updated.push({
          before,
          next: { ...values, status: S.Draft, decidedBy: null, decidedAt: null, rejectionReason: null, updatedAt: now },
        });
      }

      const touched = [
        ...created.map((c) => c.date),
        ...updated.flatMap((u) => [u.before.row.date, u.next.date as string]),
        ...deleted.map((d) => d.row.date),
      ];
      this.rules.checkUnlocked(touched, lockedThrough);
      this.checkDays(rows, existing, created, updated, deleted);

      if (
        deleted.length > 0 &&
        (await this.entries.deleteIfUnchanged(
          deleted.map((d) => d.row),
          m,
        )) !== deleted.length
      )
        throw new ConflictException(R.changedMeanwhile);
      for (const u of updated)
        if (!(await this.entries.updateIfUnchanged(u.before.row, u.next, m)))
          throw new ConflictException(R.changedMeanwhile);
      await this.entries.insert(created, m);

      if (created.length + updated.length + deleted.length > 0) {
        const ref = (id: string) =>
          projects.get(id) ?? (existing.find((e) => e.row.projectId === id)?.project as ProjectRef);
        audit({
          action: 'timesheet.save_week',
          targetType: 'timesheet_week',
          targetId: week,
          before: {
            updated: updated.map((u) => toEntry(u.before.row, u.before.project)),
            deleted: deleted.map((d) => toEntry(d.row, d.project)),
          },
          after: {
            ownerId: principal.subject,
            created: created.map((c) => toEntry(c, ref(c.projectId))),
            updated: updated.map((u) => {
              const row = { ...u.before.row, ...u.next, version: u.before.row.version + 1 };
              return toEntry(row, ref(row.projectId));
            }),
          },
        });
      }
    });
    return this.get(principal, week);
  }

  /** The week's drafts become pending at once and enter the approvers' queue. */
  async submit(principal: Principal, week: string): Promise<WeekDto> {
    await this.changes.asOwner(principal, async ({ m, lockedThrough, audit }) => {
      const drafts = await this.entries.ofWeekInStatus(principal.subject, week, S.Draft, m);
      if (drafts.length === 0) throw new ConflictException(R.nothingToSubmit(week));
      this.rules.checkUnlocked(
        drafts.map((d) => d.date),
        lockedThrough,
      );
      if ((await this.entries.submitWeek(principal.subject, week, this.rules.now(), m)) !== drafts.length)
        throw new ConflictException(R.changedMeanwhile);
      audit({
        action: 'timesheet.submit_week',
        targetType: 'timesheet_week',
        targetId: week,
        after: { ownerId: principal.subject, entries: drafts.map((d) => d.id), hours: round2(sum(drafts)) },
      });
    });
    return this.get(principal, week);
  }

  /** Each day a row touches must stay within the daily maximum, counting the week's other entries as they will be. */
  private checkDays(
    rows: readonly (RowChange & WeekEntryDto)[],
    existing: readonly EntryRecord[],
    created: readonly EntryRow[],
    updated: readonly { before: EntryRecord; next: Partial<EntryRow> }[],
    deleted: readonly EntryRecord[],
  ): void {
    const after = new Map(existing.map((e) => [e.row.id, { date: e.row.date, hours: e.row.hours }]));
    for (const d of deleted) after.delete(d.row.id);
    for (const u of updated) after.set(u.before.row.id, { date: u.next.date as string, hours: u.next.hours as number });
    created.forEach((c) => after.set(c.id, { date: c.date, hours: c.hours }));
    const totals = new Map<string, { hours: number; field: string }>();
    for (const r of rows) {
      if (totals.has(r.date)) continue;
      const hours = [...after.values()].filter((e) => e.date === r.date).reduce((s, e) => s + e.hours, 0);
      totals.set(r.date, { hours, field: `${r.at}hours` });
    }
    this.rules.checkDailyTotals(totals);
  }

  private dto(week: string, records: readonly EntryRecord[], lockedThrough: string | null): WeekDto {
    const days = weekDays(week);
    const entries = records.map((r) => toEntry(r.row, r.project));
    const counts = Object.fromEntries(TIMESHEET_STATUSES.map((s) => [s, 0])) as Record<TimesheetStatus, number>;
    for (const e of entries) counts[e.status]++;
    return {
      week,
      days,
      state: weekState(entries.map((e) => e.status)),
      entries,
      totals: weekTotals(days, entries),
      counts,
      lockedThrough,
      latestDate: this.rules.latestDate(),
    };
  }
}

function sum(rows: readonly { hours: number }[]): number {
  return rows.reduce((s, r) => s + r.hours, 0);
}
