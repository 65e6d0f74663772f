import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  addDays,
  isoWeekOf,
  type ProjectRef,
  TimesheetLimits as L,
  TimesheetRuleMessages as R,
  weekDays,
} from '@timesheets/contracts';
import { FieldErrorsException, type Principal, TeamDirectory } from '@timesheets/api-core';
import { ProjectsRepository } from '../projects/projects.repository';
import { TIMESHEETS_OPTIONS, type TimesheetsOptions } from '../timesheets.options';
import { round2 } from './entry.repository';

/** A row of a change, for the rules: where it is in the request (its field path prefix) and what it sets. */
export interface RowChange {
  /** `''` for a single entry's body, `entries[3].` for the fourth row of a week. */
  at: string;
  date?: string;
  projectId?: string;
}

/**
 * The rules every entry change obeys, whatever the route: dates not later than the end of next week (configurable),
 * nothing on or before the period lock, projects open and open to the person, at most 24 hours a person a day.
 */
@Injectable()
export class EntryRules {
  constructor(
    @Inject(TIMESHEETS_OPTIONS) private readonly options: TimesheetsOptions,
    private readonly projects: ProjectsRepository,
    private readonly team: TeamDirectory,
  ) {}

  /** Now, as an ISO-8601 UTC string. */
  now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** Today's date (UTC). */
  today(): string {
    return this.now().slice(0, 10);
  }

  /** The last date that may be booked now: the Sunday `maxWeeksAhead` weeks after this week's. */
  latestDate(): string {
    const sunday = weekDays(isoWeekOf(this.today()))[6];
    return addDays(sunday, 7 * this.options.maxWeeksAhead);
  }

  /** 400 naming each row's date that is later than the latest date. */
  checkNotTooLate(rows: readonly RowChange[]): void {
    const latest = this.latestDate();
    const late = rows.filter((r) => r.date !== undefined && r.date > latest);
    if (late.length > 0)
      throw new FieldErrorsException(late.map((r) => ({ field: `${r.at}date`, message: R.dateTooLate(latest) })));
  }

  /** 409 when any of the dates is on or before the period lock. */
  checkUnlocked(dates: Iterable<string>, lockedThrough: string | null): void {
    if (lockedThrough === null) return;
    for (const date of dates) if (date <= lockedThrough) throw new ConflictException(R.locked(lockedThrough));
  }

  /**
   * The projects of the rows, when each may be booked by the caller: it exists, is not archived, and is open to
   * everyone or to a group the caller belongs to (directly or through nesting). Else 400 naming each refused row's
   * `projectId`.
   */
  bookable(
    principal: Pick<Principal, 'issuer' | 'subject'>,
    rows: readonly RowChange[],
    m?: EntityManager,
  ): Promise<Map<string, ProjectRef>> {
    return this.bookableBy(
      rows.map((r) => ({ ...r, person: principal })),
      m,
    );
  }

  /**
   * `bookable` for rows of several people (an import): each row's project must be open to that row's person. The
   * projects and group names are read once for all rows; a person's groups only when a project limited to groups
   * needs them.
   */
  async bookableBy(
    rows: readonly (RowChange & { person: Pick<Principal, 'issuer' | 'subject'> })[],
    m?: EntityManager,
  ): Promise<Map<string, ProjectRef>> {
    const ids = [...new Set(rows.map((r) => r.projectId).filter((id): id is string => id !== undefined))];
    const found = new Map((await this.projects.projectsByIds(ids, m)).map((p) => [p.row.id, p]));
    let existing: ReadonlyMap<string, string> | null = null;
    const groupsOf = new Map<string, Promise<ReadonlySet<string>>>();
    const refused = new Map<string, string>();
    /** Why this person may not book this project, or null when they may. */
    const refusal = async (id: string, person: Pick<Principal, 'issuer' | 'subject'>): Promise<string | null> => {
      const project = found.get(id);
      if (!project) return R.projectNotOpen;
      if (project.row.archived) return R.projectArchived(project.row.code);
      if (project.groupIds.length === 0) return null;
      existing ??= await this.team.groupNames([...found.values()].flatMap((p) => p.groupIds));
      const limitedTo = project.groupIds.filter((g) => existing?.has(g));
      if (limitedTo.length === 0) return null; // its groups were deleted: open to everyone, as the admin area shows it
      const key = `${person.issuer}\n${person.subject}`;
      let groups = groupsOf.get(key);
      if (!groups) groupsOf.set(key, (groups = this.team.groupsOf(person)));
      const mine = await groups;
      return limitedTo.some((g) => mine.has(g)) ? null : R.projectNotOpen;
    };
    const errors: { field: string; message: string }[] = [];
    for (const r of rows) {
      if (r.projectId === undefined) continue;
      const key = `${r.projectId}\n${r.person.issuer}\n${r.person.subject}`;
      if (!refused.has(key)) refused.set(key, (await refusal(r.projectId, r.person)) ?? '');
      const message = refused.get(key);
      if (message) errors.push({ field: `${r.at}projectId`, message });
    }
    if (errors.length > 0) throw new FieldErrorsException(errors);
    const refs = new Map<string, ProjectRef>();
    for (const [id, p] of found) refs.set(id, { id, code: p.row.code, name: p.row.name });
    return refs;
  }

  /**
   * 400 naming the day and its total when a day would have more than the daily maximum. `totals` are the day's hours
   * after the change; `field` is where the day's hours come from in the request.
   */
  checkDailyTotals(totals: ReadonlyMap<string, { hours: number; field: string }>): void {
    const over = [...totals.entries()].filter(([, t]) => round2(t.hours) > L.dailyHoursMax);
    if (over.length > 0)
      throw new FieldErrorsException(
        over.map(([date, t]) => ({ field: t.field, message: R.dailyCap(date, round2(t.hours)) })),
      );
  }
}
