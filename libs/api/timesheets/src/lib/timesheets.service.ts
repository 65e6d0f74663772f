import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { sqliteGate } from '@timesheets/server-core';
import { type Page, Scopes, TimesheetLimits, type TimesheetEntry, TimesheetStatus } from '@timesheets/contracts';
import { AuditRecorder, decodeCursor, encodeCursor, type Principal, SerializedJson } from '@timesheets/api-core';
import { type Dialect, entryJsonSql, Filters, pageJson, placeholders } from './entry-sql';
import { QUEUE_RANK, TimesheetEntryEntity } from './timesheet-entry.entity';
import type {
  CreateTimesheetDto,
  ListApprovalsQueryDto,
  ListTimesheetsQueryDto,
  UpdateTimesheetDto,
} from './dto/timesheet.dto';

const NOT_FOUND = 'Timesheet entry not found';

type SqlValue = string | number | null;

/** The parts of a better-sqlite3 connection the hot paths use. */
interface SqliteStatement {
  all(...params: SqlValue[]): unknown[];
  run(...params: SqlValue[]): unknown;
  raw(toggle?: boolean): SqliteStatement;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

const ENTRY_JSON = { sqlite: entryJsonSql('sqlite'), postgres: entryJsonSql('postgres') } as const;

const INSERT_SQL =
  'INSERT INTO timesheet_entries (id, owner_id, owner_name, date, project, hours, notes, status, queue_rank, ' +
  'decided_by, decided_at, rejection_reason, created_at, updated_at, version) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, 1)';

const cursorOf = (key: unknown[]) => encodeCursor(key as (string | number)[]);

/**
 * Timesheet rules: the owner is always the caller; others' entries do not exist for an employee; approvers act only
 * on others' pending entries; approved entries are locked. State changes are conditional updates, so concurrent
 * approvals of one entry change it exactly once.
 *
 * What the SPA calls most (the two lists and the insert) is plain SQL, prepared once on SQLite, and the lists' JSON is
 * built by the database; the rest goes through TypeORM.
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

  private get dialect(): Dialect {
    return this.db.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** The caller's entries, newest first: keyset on (date, id) descending, served by idx_timesheet_entries_owner_date. */
  async listOwn(principal: Principal, query: ListTimesheetsQueryDto): Promise<SerializedJson<Page<TimesheetEntry>>> {
    if (query.from && query.to && query.from > query.to) throw new BadRequestException(['from must not be after to']);
    const limit = query.limit ?? TimesheetLimits.pageDefault;
    const after = decodeCursor(query.cursor, ['string', 'string'] as const);
    const where = new Filters().add('owner_id = ?', principal.subject);
    if (query.from) where.add('date >= ?', query.from);
    if (query.to) where.add('date <= ?', query.to);
    if (query.status) where.add('status = ?', query.status);
    if (after) where.add('(date < ? OR (date = ? AND id < ?))', after[0], after[0], after[1]);
    const rows = await this.rows(
      `SELECT ${ENTRY_JSON[this.dialect]} AS j, date AS k0, id AS k1 FROM timesheet_entries ` +
        `WHERE ${where.sql} ORDER BY date DESC, id DESC LIMIT ?`,
      [...where.params, limit + 1],
    );
    return SerializedJson.trusted(pageJson(rows, limit, cursorOf));
  }

  /** Others' entries, pending first, oldest first: keyset on (queue_rank, date, id), idx_timesheet_entries_queue. */
  async listApprovals(
    principal: Principal,
    query: ListApprovalsQueryDto,
  ): Promise<SerializedJson<Page<TimesheetEntry>>> {
    const limit = query.limit ?? TimesheetLimits.pageDefault;
    const after = decodeCursor(query.cursor, ['number', 'string', 'string'] as const);
    const where = new Filters().add('owner_id <> ?', principal.subject);
    if (query.status) where.add('queue_rank = ?', QUEUE_RANK[query.status]);
    if (after) {
      const [rank, date, id] = after;
      where.add(
        '(queue_rank > ? OR (queue_rank = ? AND (date > ? OR (date = ? AND id > ?))))',
        rank,
        rank,
        date,
        date,
        id,
      );
    }
    const rows = await this.rows(
      `SELECT ${ENTRY_JSON[this.dialect]} AS j, queue_rank AS k0, date AS k1, id AS k2 FROM timesheet_entries ` +
        `WHERE ${where.sql} ORDER BY queue_rank ASC, date ASC, id ASC LIMIT ?`,
      [...where.params, limit + 1],
    );
    return SerializedJson.trusted(pageJson(rows, limit, cursorOf));
  }

  async get(principal: Principal, id: string): Promise<TimesheetEntry> {
    const entry = await this.repo.findOneBy({ id });
    const visible = entry && (entry.ownerId === principal.subject || principal.scopes.has(Scopes.ApproveTimesheets));
    if (!visible) throw new NotFoundException(NOT_FOUND);
    return toDto(entry);
  }

  async create(principal: Principal, dto: CreateTimesheetDto): Promise<TimesheetEntry> {
    const now = new Date().toISOString();
    const entry: TimesheetEntry = {
      id: randomUUID(),
      ownerId: principal.subject,
      ownerName: principal.name ?? principal.email,
      date: dto.date,
      project: dto.project,
      hours: dto.hours,
      notes: dto.notes ?? null,
      status: TimesheetStatus.Pending,
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      createdAt: now,
      updatedAt: now,
    };
    const e = entry;
    await this.execute(INSERT_SQL, [
      e.id,
      e.ownerId,
      e.ownerName,
      e.date,
      e.project,
      e.hours,
      e.notes,
      e.status,
      QUEUE_RANK.pending,
      now,
      now,
    ]);
    return entry;
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

  /** Rows as arrays, in column order. */
  private async rows(sql: string, params: SqlValue[]): Promise<unknown[][]> {
    const sqlite = await this.sqlite();
    if (sqlite) return this.statement(sqlite, sql, true).all(...params) as unknown[][];
    const rows: Record<string, unknown>[] = await this.db.query(placeholders(sql, 'postgres'), params);
    return rows.map((r) => Object.values(r));
  }

  private async execute(sql: string, params: SqlValue[]): Promise<void> {
    const sqlite = await this.sqlite();
    if (sqlite) this.statement(sqlite, sql, false).run(...params);
    else await this.db.query(placeholders(sql, 'postgres'), params);
  }

  /**
   * The better-sqlite3 connection when the database is SQLite (one connection per data source), else null; once no
   * other request's transaction holds it (see guardSqliteTransactions).
   */
  private sqlite(): SqliteConnection | null | Promise<SqliteConnection | null> {
    if (this.db.options.type !== 'better-sqlite3') return null;
    const connection = (this.db.driver as unknown as { databaseConnection?: SqliteConnection }).databaseConnection;
    const wait = sqliteGate(this.db)?.wait();
    return wait ? wait.then(() => connection ?? null) : (connection ?? null);
  }

  /** Prepared once per connection and SQL text (a handful of filter combinations). */
  private statement(connection: SqliteConnection, sql: string, raw: boolean): SqliteStatement {
    let cache = this.statements.get(connection);
    if (!cache) this.statements.set(connection, (cache = new Map()));
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = connection.prepare(sql);
      if (raw) stmt.raw(true);
      cache.set(sql, stmt);
    }
    return stmt;
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
