import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  addWeeks,
  type GroupWorkWeekDto,
  isoWeekOf,
  type TeamWeekCell,
  type TeamWeeksDto,
  type TimesheetStatus,
  weekState,
} from '@timesheets/contracts';
import { AuditRecorder, type Principal, TeamDirectory } from '@timesheets/api-core';
import { ReachResolver } from './reach/reach';
import { type PersonWeekRow, ReportsRepository, round2 } from './reports.repository';
import { REPORTS_OPTIONS, type ReportsOptions } from './reports.options';

interface GroupNode {
  id: string;
  parentId: string | null;
  hours: number | null;
}

/**
 * What applies to a group's direct members: its own expected week, else the nearest parent's that has one, else
 * null (the default applies). Parent chains are finite (authorization refuses cycles); `seen` guards anyway.
 */
export function effectiveWeekHours(groups: ReadonlyMap<string, GroupNode>, id: string): number | null {
  const seen = new Set<string>();
  for (let g = groups.get(id); g && !seen.has(g.id); g = g.parentId ? groups.get(g.parentId) : undefined) {
    if (g.hours !== null) return g.hours;
    seen.add(g.id);
  }
  return null;
}

/** A person's expected week: the largest of their direct groups' (see effectiveWeekHours), else the default. */
export function personWeekHours(
  groups: ReadonlyMap<string, GroupNode>,
  direct: readonly string[],
  fallback: number,
): number {
  const set = direct.map((id) => effectiveWeekHours(groups, id)).filter((h): h is number => h !== null);
  return set.length > 0 ? Math.max(...set) : fallback;
}

/** One person-week from its hours per status. */
export function teamWeekCell(week: string, rows: readonly PersonWeekRow[]): TeamWeekCell {
  const by = (statuses: readonly TimesheetStatus[]) =>
    round2(rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.hours, 0));
  const state = weekState(rows.map((r) => r.status));
  return {
    week,
    state,
    submitted: state === 'pending' || state === 'approved',
    hours: by(['pending', 'approved']),
    unsubmittedHours: by(['draft', 'rejected']),
  };
}

/** The managers' dashboard and the groups' expected work weeks. */
@Injectable()
export class TeamWeeksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ReportsRepository,
    private readonly team: TeamDirectory,
    private readonly reachOf: ReachResolver,
    private readonly recorder: AuditRecorder,
    @Inject(REPORTS_OPTIONS) private readonly options: ReportsOptions,
  ) {}

  async teamWeeks(principal: Principal, week?: string): Promise<TeamWeeksDto> {
    const current = week ?? isoWeekOf((this.options.now?.() ?? new Date()).toISOString().slice(0, 10));
    const weeks: [string, string] = [current, addWeeks(current, -1)];
    const reach = await this.reachOf.of(principal);
    const members = (await this.team.teamOf(principal)).members;
    const [rows, groups, direct] = await Promise.all([
      this.repo.personWeeks(
        reach,
        members.map((m) => m.ownerId),
        weeks,
      ),
      this.groupNodes(),
      this.repo.directGroups(members.map((m) => m.userId)),
    ]);
    const people = members.map((m) => {
      const mine = rows.filter((r) => r.ownerId === m.ownerId);
      return {
        person: { userId: m.userId, ownerId: m.ownerId, name: m.name, email: m.email },
        expectedHours: personWeekHours(groups, direct.get(m.userId) ?? [], this.options.defaultWeekHours),
        weeks: weeks.map((w) =>
          teamWeekCell(
            w,
            mine.filter((r) => r.week === w),
          ),
        ),
      };
    });
    return {
      weeks,
      people,
      totals: weeks.map((w, i) => ({
        week: w,
        hours: round2(people.reduce((sum, p) => sum + p.weeks[i].hours, 0)),
        expectedHours: round2(people.reduce((sum, p) => sum + p.expectedHours, 0)),
        submitted: people.filter((p) => p.weeks[i].submitted).length,
        people: people.length,
      })),
    };
  }

  async workWeek(groupId: string): Promise<GroupWorkWeekDto> {
    if (!(await this.repo.groupExists(groupId))) throw new NotFoundException('Group not found');
    return this.workWeekDto(groupId, await this.groupNodes());
  }

  /** Sets or (null) removes a group's own expected week, audited (`group.work_week.set`). */
  setWorkWeek(actor: Principal, groupId: string, hours: number | null): Promise<GroupWorkWeekDto> {
    return this.db
      .transaction(async (m) => {
        if (!(await this.repo.groupExists(groupId, m))) throw new NotFoundException('Group not found');
        const before = await this.repo.workWeekOf(groupId, m);
        if (before !== hours) {
          await this.repo.setWorkWeek(groupId, hours, new Date().toISOString(), m);
          await this.recorder.record(
            actor,
            {
              action: 'group.work_week.set',
              targetType: 'group',
              targetId: groupId,
              before: { expectedWeekHours: before },
              after: { expectedWeekHours: hours },
            },
            m,
          );
        }
        return { groupId, expectedWeekHours: hours, effectiveWeekHours: 0 };
      })
      .then(async (dto) => this.workWeekDto(dto.groupId, await this.groupNodes()));
  }

  private workWeekDto(groupId: string, groups: ReadonlyMap<string, GroupNode>): GroupWorkWeekDto {
    return {
      groupId,
      expectedWeekHours: groups.get(groupId)?.hours ?? null,
      effectiveWeekHours: effectiveWeekHours(groups, groupId) ?? this.options.defaultWeekHours,
    };
  }

  private async groupNodes(): Promise<Map<string, GroupNode>> {
    return new Map((await this.repo.groupWorkWeeks()).map((g) => [g.id, g]));
  }
}
