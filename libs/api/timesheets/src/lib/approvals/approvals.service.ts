import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type ApprovalOptionsDto,
  type ApprovalQueueItem,
  type ApprovalWeekDto,
  type BulkDecisionResponse,
  type Page,
  type PersonRef,
  TimesheetLimits,
  type UndoDecisionResponse,
  TimesheetMessages as M,
  TimesheetRuleMessages as R,
  TimesheetStatus as S,
  weekDays,
} from '@timesheets/contracts';
import {
  decodeCursor,
  encodeCursor,
  FieldErrorsException,
  type Principal,
  TeamDirectory,
  type TeamMember,
} from '@timesheets/api-core';
import { EntryChanges } from '../entries/entry-changes';
import { EntryRepository, round2 } from '../entries/entry.repository';
import { EntryRules } from '../entries/entry-rules';
import { ProjectsRepository } from '../projects/projects.repository';
import { toEntry } from '../entries/entry.table';
import { weekTotals } from '../weeks/weeks.service';
import type { BulkDecisionDto, ListApprovalQueueQueryDto, UndoDecisionDto } from '../dto/approval.dto';

const person = (m: TeamMember): PersonRef => ({ userId: m.userId, ownerId: m.ownerId, name: m.name, email: m.email });

/**
 * The approvers' side: the queue of person-weeks of the people the caller approves for (never the caller), one
 * person-week in full, and decisions on many person-weeks at once, all or nothing. Someone the caller does not
 * approve for does not exist here (404).
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly changes: EntryChanges,
    private readonly rules: EntryRules,
    private readonly team: TeamDirectory,
    private readonly projects: ProjectsRepository,
  ) {}

  /** What the caller's queue can be filtered by. */
  async options(principal: Principal): Promise<ApprovalOptionsDto> {
    const team = await this.team.teamOf(principal);
    return {
      people: team.members.map(person),
      groups: team.groups.map((g) => ({ id: g.id, name: g.name })),
      projects: team.members.length > 0 ? await this.projects.refs() : [],
    };
  }

  async queue(principal: Principal, q: ListApprovalQueueQueryDto): Promise<Page<ApprovalQueueItem>> {
    if (q.from && q.to && q.from > q.to) throw new BadRequestException([M.fromAfterTo]);
    const status = q.status ?? S.Pending;
    const limit = q.limit ?? TimesheetLimits.pageDefault;
    const after = decodeCursor(q.cursor, ['string', 'string'] as const);
    const team = await this.team.teamOf(principal);
    const members = team.members.filter(
      (m) =>
        (q.person === undefined || m.userId === q.person) && (q.group === undefined || m.groupIds.includes(q.group)),
    );
    const rows = await this.entries.queue({
      status,
      ownerIds: members.map((m) => m.ownerId),
      projectId: q.project,
      fromWeek: q.from,
      toWeek: q.to,
      after,
      newestFirst: status !== S.Pending,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        person: person(team.byOwnerId(r.ownerId) as TeamMember),
        week: r.week,
        status,
        hours: r.hours,
        days: r.days,
        entries: r.entries,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.week, last.ownerId]) : null,
    };
  }

  /** A person-week as its approver sees it: every entry but drafts. */
  async personWeek(principal: Principal, userId: string, week: string): Promise<ApprovalWeekDto> {
    const member = (await this.team.teamOf(principal)).byUserId(userId);
    if (!member) throw new NotFoundException(R.notYourPerson);
    const days = weekDays(week);
    const records = await this.entries.ofOwner(member.ownerId, days[0], days[6]);
    const entries = records.filter((r) => r.row.status !== S.Draft).map((r) => toEntry(r.row, r.project));
    return { person: person(member), week, days, entries, totals: weekTotals(days, entries) };
  }

  /**
   * Approves or rejects every pending entry of each person-week, in one transaction: each must be someone the caller
   * approves for (else 404) with pending entries (else 409) outside the period lock (else 409). An entry decided or
   * submitted meanwhile by another request makes this one change nothing (409), so each entry is decided once.
   */
  async decide(principal: Principal, dto: BulkDecisionDto): Promise<BulkDecisionResponse> {
    const seen = new Set<string>();
    const duplicates = dto.items
      .map((item, i) => ({ key: `${item.userId} ${item.week}`, field: `items[${i}]` }))
      .filter(({ key }) => (seen.has(key) ? true : (seen.add(key), false)));
    if (duplicates.length > 0)
      throw new FieldErrorsException(duplicates.map(({ field }) => ({ field, message: M.duplicateItem })));
    const team = await this.team.teamOf(principal);
    const members = dto.items.map((item, i) => {
      const member = team.byUserId(item.userId);
      if (!member) throw new NotFoundException(`Item ${i + 1}: ${R.notYourPerson}`);
      return member;
    });
    const status = dto.decision === 'approve' ? S.Approved : S.Rejected;
    const reason = status === S.Rejected ? (dto.reason ?? null) : null;

    return this.changes.asApprover(principal, async ({ m, lockedThrough, audit }) => {
      const pending = [];
      for (const [i, item] of dto.items.entries()) {
        const rows = await this.entries.ofWeekInStatus(members[i].ownerId, item.week, S.Pending, m);
        if (rows.length === 0) throw new ConflictException(`Item ${i + 1}: ${R.nothingPending(item.week)}`);
        this.rules.checkUnlocked(
          rows.map((r) => r.date),
          lockedThrough,
        );
        pending.push(rows);
      }
      const now = this.rules.now();
      const items: BulkDecisionResponse['items'] = [];
      for (const [i, item] of dto.items.entries()) {
        const decided = await this.entries.decideWeek(
          members[i].ownerId,
          item.week,
          { status, decidedBy: principal.subject, reason, now },
          m,
        );
        if (decided !== pending[i].length) throw new ConflictException(R.decidedMeanwhile);
        const hours = round2(pending[i].reduce((s, r) => s + r.hours, 0));
        items.push({ userId: item.userId, week: item.week, entries: decided, hours });
        audit({
          action: `timesheet.${dto.decision}_week`,
          targetType: 'timesheet_week',
          targetId: item.week,
          after: {
            userId: item.userId,
            ownerId: members[i].ownerId,
            status,
            reason,
            entries: pending[i].map((r) => r.id),
            hours,
          },
        });
      }
      return { decision: dto.decision, decidedAt: now, items, entries: items.reduce((s, i) => s + i.entries, 0) };
    });
  }

  /**
   * Takes back the caller's own decision of moments ago (`TimesheetLimits.undoSeconds`), all or nothing: every
   * person-week must still have exactly the entries the decision answered carrying it (same status, decided by the
   * caller at `decidedAt`, untouched since) and be outside the period lock; then they are pending again. Else 409.
   */
  async undo(principal: Principal, dto: UndoDecisionDto): Promise<UndoDecisionResponse> {
    const team = await this.team.teamOf(principal);
    const members = dto.items.map((item, i) => {
      const member = team.byUserId(item.userId);
      if (!member) throw new NotFoundException(`Item ${i + 1}: ${R.notYourPerson}`);
      return member;
    });
    const decision = {
      status: dto.decision === 'approve' ? S.Approved : S.Rejected,
      decidedBy: principal.subject,
      decidedAt: dto.decidedAt,
    } as const;

    return this.changes.asApprover(principal, async ({ m, lockedThrough, audit }) => {
      const now = this.rules.now();
      if (Date.parse(now) - Date.parse(dto.decidedAt) > TimesheetLimits.undoSeconds * 1000)
        throw new ConflictException(R.undoTooLate);
      const items: UndoDecisionResponse['items'] = [];
      for (const [i, item] of dto.items.entries()) {
        const dates = await this.entries.datesOfDecision(members[i].ownerId, item.week, decision, m);
        if (dates.length !== item.entries) throw new ConflictException(`Item ${i + 1}: ${R.changedSinceDecision}`);
        this.rules.checkUnlocked(dates, lockedThrough);
        const undone = await this.entries.undoDecision(members[i].ownerId, item.week, decision, now, m);
        if (undone !== item.entries) throw new ConflictException(`Item ${i + 1}: ${R.changedSinceDecision}`);
        items.push({ userId: item.userId, week: item.week, entries: undone });
        audit({
          action: `timesheet.undo_${dto.decision}_week`,
          targetType: 'timesheet_week',
          targetId: item.week,
          before: {
            userId: item.userId,
            ownerId: members[i].ownerId,
            status: decision.status,
            decidedAt: dto.decidedAt,
          },
          after: { userId: item.userId, ownerId: members[i].ownerId, status: S.Pending, entries: undone },
        });
      }
      return { items, entries: items.reduce((s, i) => s + i.entries, 0) };
    });
  }
}
