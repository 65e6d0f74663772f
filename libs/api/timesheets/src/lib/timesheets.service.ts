import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ENTRY_TRANSITIONS,
  isoWeekOf,
  type Page,
  Scopes,
  TimesheetLimits,
  TimesheetMessages as M,
  TimesheetRuleMessages as R,
  type TimesheetEntry,
  TimesheetStatus,
} from '@timesheets/contracts';
import { decodeCursor, keysetPageJson, type Principal, type SerializedJson, TeamDirectory } from '@timesheets/api-core';
import { EntryChanges } from './entries/entry-changes';
import { EntryRepository } from './entries/entry.repository';
import { EntryRules } from './entries/entry-rules';
import { editedFields, type EntryRow, newEntryFields, toEntry } from './entries/entry.table';
import type { CreateTimesheetDto, ListTimesheetsQueryDto, UpdateTimesheetDto } from './dto/timesheet.dto';

const NOT_FOUND = 'Timesheet entry not found';

/**
 * One entry at a time: the owner is always the caller and others' entries do not exist for them; entries start as
 * drafts; the owner edits and deletes drafts and rejected entries (an edited rejected entry is a draft again);
 * approvers decide the pending entries of the people they approve for, never their own. Every change goes through
 * EntryChanges (transaction, period lock, audit) and EntryRules (dates, projects, daily total).
 */
@Injectable()
export class TimesheetsService {
  constructor(
    private readonly entries: EntryRepository,
    private readonly changes: EntryChanges,
    private readonly rules: EntryRules,
    private readonly team: TeamDirectory,
  ) {}

  /** The caller's entries, newest first. */
  async listOwn(principal: Principal, query: ListTimesheetsQueryDto): Promise<SerializedJson<Page<TimesheetEntry>>> {
    if (query.from && query.to && query.from > query.to) throw new BadRequestException([M.fromAfterTo]);
    const limit = query.limit ?? TimesheetLimits.pageDefault;
    const rows = await this.entries.pageOwn({
      ownerId: principal.subject,
      from: query.from,
      to: query.to,
      status: query.status,
      after: decodeCursor(query.cursor, ['string', 'string'] as const),
      limit,
    });
    return keysetPageJson(rows, limit);
  }

  /** One's own entry, or a submitted entry of someone one approves for (with approve:timesheets); else 404. */
  async get(principal: Principal, id: string): Promise<TimesheetEntry> {
    const entry = await this.entries.find(id);
    if (!entry) throw new NotFoundException(NOT_FOUND);
    if (entry.row.ownerId !== principal.subject && !(await this.approves(principal, entry.row)))
      throw new NotFoundException(NOT_FOUND);
    return toEntry(entry.row, entry.project);
  }

  async create(principal: Principal, dto: CreateTimesheetDto): Promise<TimesheetEntry> {
    const row = { at: '', date: dto.date, projectId: dto.projectId };
    this.rules.checkNotTooLate([row]);
    return this.changes.asOwner(principal, async ({ m, lockedThrough, audit }) => {
      const projects = await this.rules.bookable(principal, [row], m);
      this.rules.checkUnlocked([dto.date], lockedThrough);
      const day = (await this.entries.hoursOn(principal.subject, dto.date, null, m)) + dto.hours;
      this.rules.checkDailyTotals(new Map([[dto.date, { hours: day, field: 'hours' }]]));
      const now = this.rules.now();
      const created: EntryRow = {
        id: randomUUID(),
        ownerId: principal.subject,
        ownerName: principal.name ?? principal.email,
        ...newEntryFields(dto),
        week: isoWeekOf(dto.date),
        status: TimesheetStatus.Draft,
        decidedBy: null,
        decidedAt: null,
        rejectionReason: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await this.entries.insert([created], m);
      const entry = toEntry(created, projects.get(dto.projectId) as TimesheetEntry['project']);
      audit({ action: 'timesheet.create', targetType: 'timesheet', targetId: entry.id, after: entry });
      return entry;
    });
  }

  async update(principal: Principal, id: string, dto: UpdateTimesheetDto): Promise<TimesheetEntry> {
    const changes = editedFields(dto);
    if (Object.keys(changes).length === 0) throw new BadRequestException([M.emptyUpdate]);
    if (dto.date !== undefined) this.rules.checkNotTooLate([{ at: '', date: dto.date }]);

    return this.changes.asOwner(principal, async ({ m, lockedThrough, audit }) => {
      const entry = await this.ownEntry(principal, id, m);
      const before = entry.row;
      if (!ENTRY_TRANSITIONS[before.status].edit) throw new ConflictException(R.notEditable(before.status));
      const projects =
        dto.projectId !== undefined && dto.projectId !== before.projectId
          ? await this.rules.bookable(principal, [{ at: '', projectId: dto.projectId }], m)
          : new Map([[before.projectId, entry.project]]);
      const date = changes.date ?? before.date;
      this.rules.checkUnlocked([before.date, date], lockedThrough);
      if (changes.date !== undefined || changes.hours !== undefined) {
        const day = (await this.entries.hoursOn(principal.subject, date, id, m)) + (changes.hours ?? before.hours);
        this.rules.checkDailyTotals(new Map([[date, { hours: day, field: 'hours' }]]));
      }
      // Editing a rejected entry makes it a draft again, without its decision.
      const next = {
        ...changes,
        week: isoWeekOf(date),
        status: TimesheetStatus.Draft,
        decidedBy: null,
        decidedAt: null,
        rejectionReason: null,
        updatedAt: this.rules.now(),
      };
      if (!(await this.entries.updateIfUnchanged(before, next, m))) throw new ConflictException(R.changedMeanwhile);
      const after = toEntry(
        { ...before, ...next, version: before.version + 1 },
        projects.get(next.projectId ?? before.projectId) as TimesheetEntry['project'],
      );
      audit({
        action: 'timesheet.update',
        targetType: 'timesheet',
        targetId: id,
        before: toEntry(before, entry.project),
        after,
      });
      return after;
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.changes.asOwner(principal, async ({ m, lockedThrough, audit }) => {
      const entry = await this.ownEntry(principal, id, m);
      if (!ENTRY_TRANSITIONS[entry.row.status].delete) throw new ConflictException(R.notEditable(entry.row.status));
      this.rules.checkUnlocked([entry.row.date], lockedThrough);
      if ((await this.entries.deleteIfUnchanged([entry.row], m)) !== 1) throw new ConflictException(R.changedMeanwhile);
      audit({
        action: 'timesheet.delete',
        targetType: 'timesheet',
        targetId: id,
        before: toEntry(entry.row, entry.project),
      });
    });
  }

  approve(principal: Principal, id: string): Promise<TimesheetEntry> {
    return this.decide(principal, id, TimesheetStatus.Approved, null);
  }

  reject(principal: Principal, id: string, reason: string): Promise<TimesheetEntry> {
    return this.decide(principal, id, TimesheetStatus.Rejected, reason);
  }

  private decide(
    principal: Principal,
    id: string,
    status: typeof TimesheetStatus.Approved | typeof TimesheetStatus.Rejected,
    reason: string | null,
  ): Promise<TimesheetEntry> {
    return this.changes.asApprover(principal, async ({ m, lockedThrough, audit }) => {
      const entry = await this.entries.find(id, m);
      if (!entry) throw new NotFoundException(NOT_FOUND);
      const before = entry.row;
      if (before.ownerId === principal.subject) throw new ForbiddenException(R.ownEntry);
      // Someone else's entry is there only for the people one approves for, and only once submitted.
      if (!(await this.approves(principal, before))) throw new NotFoundException(NOT_FOUND);
      if (!ENTRY_TRANSITIONS[before.status].decide) throw new ConflictException(R.notPending(before.status));
      this.rules.checkUnlocked([before.date], lockedThrough);
      const now = this.rules.now();
      const next = { status, decidedBy: principal.subject, decidedAt: now, rejectionReason: reason, updatedAt: now };
      if (!(await this.entries.updateIfUnchanged(before, next, m))) throw new ConflictException(R.decidedMeanwhile);
      const after = toEntry({ ...before, ...next, version: before.version + 1 }, entry.project);
      audit({
        action: `timesheet.${status === 'approved' ? 'approve' : 'reject'}`,
        targetType: 'timesheet',
        targetId: id,
        before: toEntry(before, entry.project),
        after,
      });
      return after;
    });
  }

  /** True when the caller may see and decide this entry of someone else's. */
  private async approves(principal: Principal, row: EntryRow): Promise<boolean> {
    if (!principal.scopes.has(Scopes.ApproveTimesheets) || row.status === TimesheetStatus.Draft) return false;
    return (await this.team.teamOf(principal)).byOwnerId(row.ownerId) !== undefined;
  }

  private async ownEntry(principal: Principal, id: string, m: Parameters<EntryRepository['find']>[1]) {
    const entry = await this.entries.find(id, m);
    if (!entry || entry.row.ownerId !== principal.subject) throw new NotFoundException(NOT_FOUND);
    return entry;
  }
}
