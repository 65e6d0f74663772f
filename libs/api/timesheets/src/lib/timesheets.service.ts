import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Page, Scopes, TimesheetLimits, type TimesheetEntry, TimesheetStatus } from '@timesheets/contracts';
import { AuditRecorder, decodeCursor, keysetPageJson, type Principal, type SerializedJson } from '@timesheets/api-core';
import { EntryRepository } from './entries/entry.repository';
import { type EntryRow, QUEUE_RANK, toEntry } from './entries/entry.table';
import type {
  CreateTimesheetDto,
  ListApprovalsQueryDto,
  ListTimesheetsQueryDto,
  UpdateTimesheetDto,
} from './dto/timesheet.dto';

const NOT_FOUND = 'Timesheet entry not found';
const CHANGED = 'The entry changed meanwhile; reload and try again';

/**
 * Timesheet rules: the owner is always the caller; others' entries do not exist for an employee; approvers act only
 * on others' pending entries; approved entries are locked. Every change is conditional on the version the rule was
 * checked against (EntryRepository), so concurrent approvals of one entry change it exactly once.
 */
@Injectable()
export class TimesheetsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly entries: EntryRepository,
    private readonly audit: AuditRecorder,
  ) {}

  /** The caller's entries, newest first. */
  async listOwn(principal: Principal, query: ListTimesheetsQueryDto): Promise<SerializedJson<Page<TimesheetEntry>>> {
    if (query.from && query.to && query.from > query.to) throw new BadRequestException(['from must not be after to']);
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

  /** Others' entries, pending first, oldest first. */
  async listApprovals(
    principal: Principal,
    query: ListApprovalsQueryDto,
  ): Promise<SerializedJson<Page<TimesheetEntry>>> {
    const limit = query.limit ?? TimesheetLimits.pageDefault;
    const rows = await this.entries.pageQueue({
      excludeOwnerId: principal.subject,
      queueRank: query.status ? QUEUE_RANK[query.status] : undefined,
      after: decodeCursor(query.cursor, ['number', 'string', 'string'] as const),
      limit,
    });
    return keysetPageJson(rows, limit);
  }

  async get(principal: Principal, id: string): Promise<TimesheetEntry> {
    const entry = await this.entries.find(id);
    const visible = entry && (entry.ownerId === principal.subject || principal.scopes.has(Scopes.ApproveTimesheets));
    if (!visible) throw new NotFoundException(NOT_FOUND);
    return toEntry(entry);
  }

  async create(principal: Principal, dto: CreateTimesheetDto): Promise<TimesheetEntry> {
    const now = new Date().toISOString();
    const row: EntryRow = {
      id: randomUUID(),
      ownerId: principal.subject,
      ownerName: principal.name ?? principal.email,
      date: dto.date,
      project: dto.project,
      hours: dto.hours,
      notes: dto.notes ?? null,
      status: TimesheetStatus.Pending,
      queueRank: QUEUE_RANK.pending,
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.entries.insert(row);
    return toEntry(row);
  }

  async update(principal: Principal, id: string, dto: UpdateTimesheetDto): Promise<TimesheetEntry> {
    const changes: Partial<EntryRow> = {};
    if (dto.date !== undefined) changes.date = dto.date;
    if (dto.project !== undefined) changes.project = dto.project;
    if (dto.hours !== undefined) changes.hours = dto.hours;
    if (dto.notes !== undefined) changes.notes = dto.notes;
    if (Object.keys(changes).length === 0)
      throw new BadRequestException(['at least one of date, project, hours, notes is required']);

    const entry = await this.ownEntry(principal, id);
    if (entry.status === TimesheetStatus.Approved) throw new ConflictException('Approved entries cannot be changed');
    // Editing a rejected entry submits it again for approval.
    const next = {
      ...changes,
      status: TimesheetStatus.Pending,
      queueRank: QUEUE_RANK.pending,
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      updatedAt: new Date().toISOString(),
    };
    if (!(await this.entries.updateIfUnchanged(entry, next))) throw new ConflictException(CHANGED);
    return toEntry({ ...entry, ...next, version: entry.version + 1 });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const entry = await this.ownEntry(principal, id);
    if (entry.status === TimesheetStatus.Approved) throw new ConflictException('Approved entries cannot be deleted');
    await this.db.transaction(async (m) => {
      if (!(await this.entries.deleteIfUnchanged(entry, m))) throw new ConflictException(CHANGED);
      await this.audit.record(
        principal,
        { action: 'timesheet.delete', targetType: 'timesheet', targetId: id, before: toEntry(entry) },
        m,
      );
    });
  }

  approve(principal: Principal, id: string): Promise<TimesheetEntry> {
    return this.decide(principal, id, TimesheetStatus.Approved, null);
  }

  reject(principal: Principal, id: string, reason: string): Promise<TimesheetEntry> {
    return this.decide(principal, id, TimesheetStatus.Rejected, reason);
  }

  private async decide(
    principal: Principal,
    id: string,
    status: typeof TimesheetStatus.Approved | typeof TimesheetStatus.Rejected,
    reason: string | null,
  ): Promise<TimesheetEntry> {
    const entry = await this.entries.find(id);
    if (!entry) throw new NotFoundException(NOT_FOUND);
    if (entry.ownerId === principal.subject)
      throw new ForbiddenException('You cannot approve or reject your own entry');
    if (entry.status !== TimesheetStatus.Pending) throw new ConflictException(`The entry is already ${entry.status}`);
    const now = new Date().toISOString();
    const next = {
      status,
      queueRank: QUEUE_RANK[status],
      decidedBy: principal.subject,
      decidedAt: now,
      rejectionReason: reason,
      updatedAt: now,
    };
    return this.db.transaction(async (m) => {
      if (!(await this.entries.updateIfUnchanged(entry, next, m)))
        throw new ConflictException('The entry was decided meanwhile');
      const after = toEntry({ ...entry, ...next, version: entry.version + 1 });
      await this.audit.record(
        principal,
        {
          action: `timesheet.${status === 'approved' ? 'approve' : 'reject'}`,
          targetType: 'timesheet',
          targetId: id,
          before: toEntry(entry),
          after,
        },
        m,
      );
      return after;
    });
  }

  private async ownEntry(principal: Principal, id: string): Promise<EntryRow> {
    const entry = await this.entries.find(id);
    if (!entry || entry.ownerId !== principal.subject) throw new NotFoundException(NOT_FOUND);
    return entry;
  }
}
