import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type BookableProjectDto,
  type CustomerDto,
  type Page,
  type ProjectDto,
  TimesheetLimits,
  TimesheetMessages as M,
  TimesheetRuleMessages as R,
} from '@timesheets/contracts';
import {
  AuditRecorder,
  type AuditEvent,
  decodeCursor,
  encodeCursor,
  FieldErrorsException,
  type Principal,
  TeamDirectory,
} from '@timesheets/api-core';
import { isUniqueViolation } from '@timesheets/server-core';
import type {
  CreateCustomerDto,
  CreateProjectDto,
  ListProjectsQueryDto,
  UpdateCustomerDto,
  UpdateProjectDto,
} from '../dto/project.dto';
import type { CustomerRow, ProjectRow } from './project.tables';
import { type ProjectRecord, ProjectsRepository } from './projects.repository';

const customerDto = (c: CustomerRow): CustomerDto => ({ id: c.id, name: c.name, archived: c.archived });
const nameKey = (name: string) => name.trim().toLowerCase();

/**
 * Customers and projects: admins (manage:projects) create, rename, archive and restore them; everyone who records
 * time reads the projects they may book on. Every change is audited in its transaction.
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsRepository,
    private readonly team: TeamDirectory,
    private readonly recorder: AuditRecorder,
  ) {}

  /** Open projects that are open to everyone or to a group the caller belongs to, by code. */
  async bookable(principal: Principal): Promise<BookableProjectDto[]> {
    const open = await this.projects.openProjects();
    const names = await this.team.groupNames(open.flatMap((p) => p.groupIds));
    const limited = open.some((p) => p.groupIds.some((g) => names.has(g)));
    const mine = limited ? await this.team.groupsOf(principal) : new Set<string>();
    return open
      .filter((p) => {
        const groups = p.groupIds.filter((g) => names.has(g));
        return groups.length === 0 || groups.some((g) => mine.has(g));
      })
      .map((p) => ({
        id: p.row.id,
        code: p.row.code,
        name: p.row.name,
        customer: p.row.customerId ? { id: p.row.customerId, name: p.customerName ?? '' } : null,
        billable: p.row.billable,
      }));
  }

  // Customers

  async customers(includeArchived: boolean): Promise<CustomerDto[]> {
    return (await this.projects.customers(includeArchived)).map(customerDto);
  }

  createCustomer(actor: Principal, dto: CreateCustomerDto): Promise<CustomerDto> {
    return this.change(actor, async (m, audit) => {
      if (await this.projects.customerByNameKey(nameKey(dto.name), m))
        throw new ConflictException(R.customerNameTaken(dto.name));
      const now = new Date().toISOString();
      const row: CustomerRow = {
        id: randomUUID(),
        name: dto.name,
        nameKey: nameKey(dto.name),
        archived: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.projects.insertCustomer(row, m);
      audit({ action: 'customer.create', targetType: 'customer', targetId: row.id, after: customerDto(row) });
      return customerDto(row);
    });
  }

  updateCustomer(actor: Principal, id: string, dto: UpdateCustomerDto): Promise<CustomerDto> {
    return this.change(actor, async (m, audit) => {
      const before = await this.projects.customer(id, m);
      if (!before) throw new NotFoundException('Customer not found');
      const changes: Partial<CustomerRow> = {};
      if (dto.name !== undefined && dto.name !== before.name) {
        const taken = await this.projects.customerByNameKey(nameKey(dto.name), m);
        if (taken && taken.id !== id) throw new ConflictException(R.customerNameTaken(dto.name));
        changes.name = dto.name;
        changes.nameKey = nameKey(dto.name);
      }
      if (dto.archived !== undefined && dto.archived !== before.archived) changes.archived = dto.archived;
      if (Object.keys(changes).length === 0) return customerDto(before);
      changes.updatedAt = new Date().toISOString();
      await this.projects.updateCustomer(id, changes, m);
      const after = { ...before, ...changes };
      audit({
        action: 'customer.update',
        targetType: 'customer',
        targetId: id,
        before: customerDto(before),
        after: customerDto(after),
      });
      return customerDto(after);
    });
  }

  // Projects

  async list(q: ListProjectsQueryDto): Promise<Page<ProjectDto>> {
    const limit = q.limit ?? TimesheetLimits.pageDefault;
    const after = decodeCursor(q.cursor, ['string'] as const);
    const rows = await this.projects.page({
      q: q.q,
      customerId: q.customerId,
      archived: q.archived ?? false,
      after: after ? after[0] : null,
      limit,
    });
    const page = rows.slice(0, limit);
    const items = await this.dtos(page);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.row.code]) : null };
  }

  async get(id: string): Promise<ProjectDto> {
    const project = await this.projects.project(id);
    if (!project) throw new NotFoundException('Project not found');
    return (await this.dtos([project]))[0];
  }

  createProject(actor: Principal, dto: CreateProjectDto): Promise<ProjectDto> {
    return this.change(actor, async (m, audit) => {
      await this.checkCode(dto.code, null, m);
      const customerId = dto.customerId ?? null;
      await this.checkCustomer(customerId, m);
      const groupIds = await this.checkGroups(dto.allowedGroupIds ?? []);
      const now = new Date().toISOString();
      const row: ProjectRow = {
        id: randomUUID(),
        code: dto.code,
        name: dto.name,
        customerId,
        billable: dto.billable ?? false,
        archived: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.projects.insertProject(row, groupIds, m);
      const after = await this.dto(row.id, m);
      audit({ action: 'project.create', targetType: 'project', targetId: row.id, after });
      return after;
    });
  }

  updateProject(actor: Principal, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.change(actor, async (m, audit) => {
      const before = await this.dto(id, m);
      const changes: Partial<ProjectRow> = {};
      if (dto.code !== undefined && dto.code !== before.code) {
        await this.checkCode(dto.code, id, m);
        changes.code = dto.code;
      }
      if (dto.name !== undefined && dto.name !== before.name) changes.name = dto.name;
      if (dto.customerId !== undefined && dto.customerId !== (before.customer?.id ?? null)) {
        await this.checkCustomer(dto.customerId, m);
        changes.customerId = dto.customerId;
      }
      if (dto.billable !== undefined && dto.billable !== before.billable) changes.billable = dto.billable;
      if (dto.archived !== undefined && dto.archived !== before.archived) changes.archived = dto.archived;
      const groups = dto.allowedGroupIds !== undefined ? await this.checkGroups(dto.allowedGroupIds) : null;
      const groupsChanged =
        groups !== null &&
        [...groups].sort().join() !==
          before.allowedGroups
            .map((g) => g.id)
            .sort()
            .join();
      if (Object.keys(changes).length === 0 && !groupsChanged) return before;
      changes.updatedAt = new Date().toISOString();
      await this.projects.updateProject(id, changes, m);
      if (groupsChanged && groups) await this.projects.setGroups(id, groups, m);
      const after = await this.dto(id, m);
      audit({ action: 'project.update', targetType: 'project', targetId: id, before, after });
      return after;
    });
  }

  private async dto(id: string, m: EntityManager): Promise<ProjectDto> {
    const project = await this.projects.project(id, m);
    if (!project) throw new NotFoundException('Project not found');
    return (await this.dtos([project]))[0];
  }

  private async dtos(records: readonly ProjectRecord[]): Promise<ProjectDto[]> {
    const names = await this.team.groupNames(records.flatMap((p) => p.groupIds));
    return records.map(({ row, customerName, groupIds }) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      customer: row.customerId ? { id: row.customerId, name: customerName ?? '' } : null,
      billable: row.billable,
      archived: row.archived,
      allowedGroups: groupIds
        .filter((g) => names.has(g))
        .map((g) => ({ id: g, name: names.get(g) as string }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
  }

  private async checkCode(code: string, self: string | null, m: EntityManager): Promise<void> {
    const taken = await this.projects.projectByCode(code, m);
    if (taken && taken.id !== self) throw new ConflictException(R.codeTaken(code));
  }

  private async checkCustomer(customerId: string | null, m: EntityManager): Promise<void> {
    if (customerId === null) return;
    const customer = await this.projects.customer(customerId, m);
    if (!customer) throw FieldErrorsException.of('customerId', M.customerId);
    if (customer.archived) throw FieldErrorsException.of('customerId', R.customerArchived(customer.name));
  }

  private async checkGroups(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const names = await this.team.groupNames(unique);
    if (unique.some((g) => !names.has(g))) throw FieldErrorsException.of('allowedGroupIds', M.allowedGroupIds);
    return unique;
  }

  private async change<T>(
    actor: Principal,
    work: (m: EntityManager, audit: (e: AuditEvent) => void) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.db.transaction(async (m) => {
        const events: AuditEvent[] = [];
        const result = await work(m, (e) => events.push(e));
        for (const e of events) await this.recorder.record(actor, e, m);
        return result;
      });
    } catch (e) {
      // Two requests creating the same code or name at once: the unique index decides, the second is told.
      if (isUniqueViolation(e)) throw new ConflictException('The code or name is already in use');
      throw e;
    }
  }
}
