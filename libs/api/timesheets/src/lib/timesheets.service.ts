import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { type Page, Scopes, TimesheetLimits, type TimesheetEntry, TimesheetStatus } from '@timesheets/contracts';
import { AuditRecorder, decodeCursor, encodeCursor, type Principal } from '@timesheets/api-core';
import { QUEUE_RANK, TimesheetEntryEntity } from './timesheet-entry.entity';
import type {
  CreateTimesheetDto,
  ListApprovalsQueryDto,
  ListTimesheetsQueryDto,
  UpdateTimesheetDto,
} from './dto/timesheet.dto';

const NOT_FOUND = 'Timesheet entry not found';

/** The parts of a better-sqlite3 connection the list paths use. */
interface SqliteStatement {
  all(...params: (string | number)[]): unknown[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** A timesheet_entries row as SQLite returns it (column names). */
interface EntryRow {
  id: string;
  owner_id: string;
  owner_name: string | null;
  date: string;
  project: string;
  hours: number;
  notes: string | null;
  status: TimesheetStatus;
  queue_rank: number;
  decided_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** The TimesheetEntry DTO straight from SQL (same fields, same order as toDto). */
const DTO_COLUMNS =
  'id, owner_id AS ownerId, owner_name AS ownerName, date, project, hours, notes, status, decided_by AS decidedBy, ' +
  'decided_at AS decidedAt, rejection_reason AS rejectionReason, created_at AS createdAt, updated_at AS updatedAt';

const ROW_COLUMNS =
  'id, owner_id, owner_name, date, project, hours, notes, status, queue_rank, decided_by, decided_at, rejection_reason, created_at, updated_at';

/**
 * Timesheet rules: the owner is always the caller; others' entries do not exist for an employee; approvers act only
 * on others' pending entries; approved entries are locked. State changes are conditional updates, so concurrent
 * approvals of one entry change it exactly once.
 */
@Injectable()
export class TimesheetsService {
  private readonly statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  private get repo() {
    return this.db.getRepository(TimesheetEntryEntity);
  }

  async listOwn(principal: Principal, query: ListTimesheetsQueryDto): Promise<Page<TimesheetEntry>> {
    if (query.from && query.to && query.from > query.to) throw new BadRequestException(['from must not be after to']);
    const limit = query.limit ?? TimesheetLimits.pageDefault;
    const after = decodeCursor(query.cursor, ['string', 'string'] as const);
    const sqlite = this.sqlite();
    if (sqlite) {
      // The same query as below, as a prepared statement without entity hydration (the hot path of the SPA).
      const where = ['owner_id = ?'];
      const params: (string | number)[] = [principal.subject];
      const and = (clause: string, ...values: (string | number)[]) => {
        where.push(clause);
        params.push(...values);
      };
      if (query.from) and('date >= ?', query.from);
      if (query.to) and('date <= ?', query.to);
      if (query.status) and('status = ?', query.status);
      if (after) and('(date < ? OR (date = ? AND id < ?))', after[0], after[0], after[1]);
      const sql = `SELECT ${DTO_COLUMNS} FROM timesheet_entries WHERE ${where.join(' AND ')} ORDER BY date DESC, id DESC LIMIT ?`;
      // Columns come back under the DTO's names and in its order: the rows are the items, with no mapping.
      const rows = this.statement(sqlite, sql).all(...params, limit + 1) as TimesheetEntry[];
      const items = rows.length > limit ? rows.slice(0, limit) : rows;
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.date, last.id]) : null };
    }
    const qb = this.repo.createQueryBuilder('t').where('t.owner_id = :owner', { owner: principal.subject });
    if (query.from) qb.andWhere('t.date >= :from', { from: query.from });
    if (query.to) qb.andWhere('t.date <= :to', { to: query.to });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    // Newest first: keyset on (date, id) descending, served by idx_timesheet_entries_owner_date.
    if (after) qb.andWhere('(t.date < :cd OR (t.date = :cd AND t.id < :cid))', { cd: after[0], cid: after[1] });
    qb.orderBy('t.date', 'DESC').addOrderBy('t.id', 'DESC');
    return this.page(qb, limit, (e) => [e.date, e.id]);
  }

  async listApprovals(principal: Principal, query: ListApprovalsQueryDto): Promise<Page<TimesheetEntry>> {
    const limit = query.limit ?? TimesheetLimits.pageDefault;
    const after = decodeCursor(query.cursor, ['number', 'string', 'string'] as const);
    const sqlite = this.sqlite();
    if (sqlite) {
      const where = ['owner_id <> ?'];
      const params: (string | number)[] = [principal.subject];
      if (query.status) {
        where.push('queue_rank = ?');
        params.push(QUEUE_RANK[query.status]);
      }
      if (after) {
        where.push('(queue_rank > ? OR (queue_rank = ? AND (date > ? OR (date = ? AND id > ?))))');
        params.push(after[0], after[0], after[1], after[1], after[2]);
      }
      const sql = `SELECT ${ROW_COLUMNS} FROM timesheet_entries WHERE ${where.join(' AND ')} ORDER BY queue_rank ASC, date ASC, id ASC LIMIT ?`;
      return rowPage(this.statement(sqlite, sql).all(...params, limit + 1), limit, (r) => [r.queue_rank, r.date, r.id]);
    }
    const qb = this.repo.createQueryBuilder('t').where('t.owner_id <> :me', { me: principal.subject });
    if (query.status) qb.andWhere('t.queue_rank = :rank', { rank: QUEUE_RANK[query.status] });
    // Pending first, oldest first: keyset on (queue_rank, date, id), served by idx_timesheet_entries_queue.
    if (after) {
      qb.andWhere('(t.queue_rank > :cr OR (t.queue_rank = :cr AND (t.date > :cd OR (t.date = :cd AND t.id > :cid))))', {
        cr: after[0],
        cd: after[1],
        cid: after[2],
      });
    }
    qb.orderBy('t.queue_rank', 'ASC').addOrderBy('t.date', 'ASC').addOrderBy('t.id', 'ASC');
    return this.page(qb, limit, (e) => [e.queueRank, e.date, e.id]);
  }

  /** The better-sqlite3 connection when the database is SQLite (one connection per data source), else null. */
  private sqlite(): SqliteConnection | null {
    if (this.db.options.type !== 'better-sqlite3') return null;
    return (this.db.driver as unknown as { databaseConnection?: SqliteConnection }).databaseConnection ?? null;
  }

  /** Prepared once per connection and SQL text (a handful of filter combinations). */
  private statement(connection: SqliteConnection, sql: string): SqliteStatement {
    let cache = this.statements.get(connection);
    if (!cache) this.statements.set(connection, (cache = new Map()));
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = connection.prepare(sql)));
    return stmt;
  }

  async get(principal: Principal, id: string): Promise<TimesheetEntry> {
    const entry = await this.repo.findOneBy({ id });
    const visible = entry && (entry.ownerId === principal.subject || principal.scopes.has(Scopes.ApproveTimesheets));
    if (!visible) throw new NotFoundException(NOT_FOUND);
    return toDto(entry);
  }

  async create(principal: Principal, dto: CreateTimesheetDto): Promise<TimesheetEntry> {
    const now = new Date().toISOString();
    const entry = this.repo.create({
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
    });
    await this.repo.insert(entry);
    return toDto(entry);
  }

  async update(principal: Principal, id: string, dto: UpdateTimesheetDto): Promise<TimesheetEntry> {
    const changes: Partial<TimesheetEntryEntity> = {};
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
      version: entry.version + 1,
    };
    const result = await this.repo
      .createQueryBuilder()
      .update(TimesheetEntryEntity)
      .set(next)
      .where('id = :id AND owner_id = :owner AND version = :version AND status <> :approved', {
        id,
        owner: principal.subject,
        version: entry.version,
        approved: TimesheetStatus.Approved,
      })
      .execute();
    if (!result.affected) throw new ConflictException('The entry changed meanwhile; reload and try again');
    return toDto({ ...entry, ...next });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const entry = await this.ownEntry(principal, id);
    if (entry.status === TimesheetStatus.Approved) throw new ConflictException('Approved entries cannot be deleted');
    await this.db.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(TimesheetEntryEntity)
        .where('id = :id AND owner_id = :owner AND status <> :approved', {
          id,
          owner: principal.subject,
          approved: TimesheetStatus.Approved,
        })
        .execute();
      if (!result.affected) throw new ConflictException('The entry changed meanwhile; reload and try again');
      await this.audit.record(
        principal,
        { action: 'timesheet.delete', targetType: 'timesheet', targetId: id, before: toDto(entry) },
        manager,
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
    const entry = await this.repo.findOneBy({ id });
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
      version: entry.version + 1,
    };
    return this.db.transaction(async (manager: EntityManager) => {
      const result = await manager
        .createQueryBuilder()
        .update(TimesheetEntryEntity)
        .set(next)
        .where('id = :id AND status = :pending AND owner_id <> :me', {
          id,
          pending: TimesheetStatus.Pending,
          me: principal.subject,
        })
        .execute();
      if (!result.affected) throw new ConflictException('The entry was decided meanwhile');
      const after = toDto({ ...entry, ...next });
      await this.audit.record(
        principal,
        {
          action: `timesheet.${status === 'approved' ? 'approve' : 'reject'}`,
          targetType: 'timesheet',
          targetId: id,
          before: toDto(entry),
          after,
        },
        manager,
      );
      return after;
    });
  }

  private async ownEntry(principal: Principal, id: string): Promise<TimesheetEntryEntity> {
    const entry = await this.repo.findOneBy({ id, ownerId: principal.subject });
    if (!entry) throw new NotFoundException(NOT_FOUND);
    return entry;
  }

  private async page(
    qb: SelectQueryBuilder<TimesheetEntryEntity>,
    limit: number,
    key: (e: TimesheetEntryEntity) => (string | number)[],
  ): Promise<Page<TimesheetEntry>> {
    const rows = await qb.limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toDto), nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
  }
}

export function toDto(e: TimesheetEntryEntity): TimesheetEntry {
  return {
    id: e.id,
    ownerId: e.ownerId,
    ownerName: e.ownerName,
    date: e.date,
    project: e.project,
    hours: Number(e.hours),
    notes: e.notes,
    status: e.status,
    decidedBy: e.decidedBy,
    decidedAt: e.decidedAt,
    rejectionReason: e.rejectionReason,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function rowToDto(r: EntryRow): TimesheetEntry {
  return {
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    date: r.date,
    project: r.project,
    hours: Number(r.hours),
    notes: r.notes,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    rejectionReason: r.rejection_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One page from limit + 1 rows: the extra row only says that a next page exists. */
function rowPage(rows: unknown[], limit: number, key: (r: EntryRow) => (string | number)[]): Page<TimesheetEntry> {
  const page = (rows as EntryRow[]).slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(rowToDto), nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
