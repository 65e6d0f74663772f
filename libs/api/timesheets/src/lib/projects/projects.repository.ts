import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Filters, SqlRunner, type SqlValue } from '@timesheets/server-core';
import { CUSTOMERS, type CustomerRow, P, PROJECT_GROUPS, PROJECTS, type ProjectRow } from './project.tables';

/** A project with the groups it is limited to and its customer's name. */
export interface ProjectRecord {
  row: ProjectRow;
  customerName: string | null;
  groupIds: string[];
}

export interface ProjectListQuery {
  q?: string;
  customerId?: string;
  archived: boolean;
  /** The last row's code of the previous page. */
  after: string | null;
  limit: number;
}

const C = 'c';
const pc = (key: keyof ProjectRow) => PROJECTS.col(key, P);

/** Escapes LIKE wildcards so that a search for "a_b" matches only that text. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Every read and write of customers, projects and the groups projects are limited to. */
@Injectable()
export class ProjectsRepository {
  private readonly sql: SqlRunner;
  private readonly selectProject: string;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new SqlRunner(db);
    this.selectProject =
      `SELECT ${PROJECTS.selectList(P)}, ${CUSTOMERS.col('name', C)} AS "customerName" FROM ${PROJECTS.name} ${P} ` +
      `LEFT JOIN ${CUSTOMERS.name} ${C} ON ${CUSTOMERS.col('id', C)} = ${pc('customerId')}`;
  }

  // Customers

  async customers(includeArchived: boolean, m?: EntityManager): Promise<CustomerRow[]> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `SELECT ${CUSTOMERS.selectList(C)} FROM ${CUSTOMERS.name} ${C}` +
        (includeArchived ? '' : ` WHERE ${CUSTOMERS.col('archived', C)} = ?`) +
        ` ORDER BY ${CUSTOMERS.col('nameKey', C)}`,
      includeArchived ? [] : [false],
      m,
    );
    return rows.map((r) => CUSTOMERS.fromObject(r));
  }

  async customer(id: string, m?: EntityManager): Promise<CustomerRow | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `SELECT ${CUSTOMERS.selectList(C)} FROM ${CUSTOMERS.name} ${C} WHERE ${CUSTOMERS.col('id', C)} = ?`,
      [id],
      m,
    );
    return rows.length > 0 ? CUSTOMERS.fromObject(rows[0]) : null;
  }

  async customerByNameKey(nameKey: string, m?: EntityManager): Promise<CustomerRow | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `SELECT ${CUSTOMERS.selectList(C)} FROM ${CUSTOMERS.name} ${C} WHERE ${CUSTOMERS.col('nameKey', C)} = ?`,
      [nameKey],
      m,
    );
    return rows.length > 0 ? CUSTOMERS.fromObject(rows[0]) : null;
  }

  async insertCustomer(row: CustomerRow, m: EntityManager): Promise<void> {
    await this.sql.run(CUSTOMERS.insertSql(), CUSTOMERS.insertParams(row), m);
  }

  async updateCustomer(id: string, changes: Partial<Omit<CustomerRow, 'id'>>, m: EntityManager): Promise<void> {
    await this.update(CUSTOMERS.name, changes, (k) => CUSTOMERS.col(k as keyof CustomerRow), 'id', id, m);
  }

  // Projects

  async project(id: string, m?: EntityManager): Promise<ProjectRecord | null> {
    return (await this.projectsByIds([id], m))[0] ?? null;
  }

  async projectByCode(code: string, m?: EntityManager): Promise<ProjectRow | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `SELECT ${PROJECTS.selectList(P)} FROM ${PROJECTS.name} ${P} WHERE ${pc('code')} = ?`,
      [code],
      m,
    );
    return rows.length > 0 ? PROJECTS.fromObject(rows[0]) : null;
  }

  /** The projects with these codes (stored upper case) that exist, with their groups, by code. */
  async projectsByCodes(codes: readonly string[], m?: EntityManager): Promise<ProjectRecord[]> {
    if (codes.length === 0) return [];
    const where = new Filters().in(pc('code'), [...new Set(codes)]);
    return this.withGroups(
      await this.sql.objects<Record<string, unknown>>(
        `${this.selectProject} WHERE ${where.sql} ORDER BY ${pc('code')}`,
        where.params,
        m,
      ),
      m,
    );
  }

  /** The projects with these ids that exist, with their groups, by code. */
  async projectsByIds(ids: readonly string[], m?: EntityManager): Promise<ProjectRecord[]> {
    if (ids.length === 0) return [];
    const where = new Filters().in(pc('id'), [...new Set(ids)]);
    return this.withGroups(
      await this.sql.objects<Record<string, unknown>>(
        `${this.selectProject} WHERE ${where.sql} ORDER BY ${pc('code')}`,
        where.params,
        m,
      ),
      m,
    );
  }

  /** Open (not archived) projects, by code, with their groups: what anyone may book on, before group limits. */
  async openProjects(m?: EntityManager): Promise<ProjectRecord[]> {
    return this.withGroups(
      await this.sql.objects<Record<string, unknown>>(
        `${this.selectProject} WHERE ${pc('archived')} = ? ORDER BY ${pc('code')}`,
        [false],
        m,
      ),
      m,
    );
  }

  /** Every project (archived ones too), id, code and name, by code. */
  async refs(): Promise<{ id: string; code: string; name: string }[]> {
    const rows = await this.sql.rows(
      `SELECT ${pc('id')}, ${pc('code')}, ${pc('name')} FROM ${PROJECTS.name} ${P} ORDER BY ${pc('code')}`,
      [],
    );
    return rows.map(([id, code, name]) => ({ id: id as string, code: code as string, name: name as string }));
  }

  /** A page of projects by code (keyset), filtered. */
  async page(q: ProjectListQuery): Promise<ProjectRecord[]> {
    const where = new Filters().add(`${pc('archived')} = ?`, q.archived);
    if (q.customerId) where.add(`${pc('customerId')} = ?`, q.customerId);
    if (q.q) {
      const like = `%${likeEscape(q.q.toLowerCase())}%`;
      where.add(`(LOWER(${pc('code')}) LIKE ? ESCAPE '\\' OR LOWER(${pc('name')}) LIKE ? ESCAPE '\\')`, like, like);
    }
    if (q.after) where.add(`${pc('code')} > ?`, q.after);
    return this.withGroups(
      await this.sql.objects<Record<string, unknown>>(
        `${this.selectProject} WHERE ${where.sql} ORDER BY ${pc('code')} LIMIT ?`,
        [...where.params, q.limit + 1],
      ),
    );
  }

  async insertProject(row: ProjectRow, groupIds: readonly string[], m: EntityManager): Promise<void> {
    await this.sql.run(PROJECTS.insertSql(), PROJECTS.insertParams(row), m);
    await this.setGroups(row.id, groupIds, m);
  }

  async updateProject(id: string, changes: Partial<Omit<ProjectRow, 'id'>>, m: EntityManager): Promise<void> {
    await this.update(PROJECTS.name, changes, (k) => PROJECTS.col(k as keyof ProjectRow), 'id', id, m);
  }

  async setGroups(projectId: string, groupIds: readonly string[], m: EntityManager): Promise<void> {
    await this.sql.run(
      `DELETE FROM ${PROJECT_GROUPS.name} WHERE ${PROJECT_GROUPS.col('projectId')} = ?`,
      [projectId],
      m,
    );
    const unique = [...new Set(groupIds)];
    if (unique.length > 0)
      await this.sql.run(
        PROJECT_GROUPS.insertSql(unique.length),
        unique.flatMap((groupId) => PROJECT_GROUPS.insertParams({ projectId, groupId })),
        m,
      );
  }

  private async withGroups(rows: Record<string, unknown>[], m?: EntityManager): Promise<ProjectRecord[]> {
    if (rows.length === 0) return [];
    const projects = rows.map((o) => ({
      row: PROJECTS.fromObject(o),
      customerName: (o['customerName'] as string | null) ?? null,
      groupIds: [] as string[],
    }));
    const where = new Filters().in(
      PROJECT_GROUPS.col('projectId'),
      projects.map((p) => p.row.id),
    );
    const groups = await this.sql.rows(
      `SELECT ${PROJECT_GROUPS.col('projectId')}, ${PROJECT_GROUPS.col('groupId')} FROM ${PROJECT_GROUPS.name} ` +
        `WHERE ${where.sql}`,
      where.params,
      m,
    );
    const byId = new Map(projects.map((p) => [p.row.id, p]));
    for (const [projectId, groupId] of groups) byId.get(projectId as string)?.groupIds.push(groupId as string);
    return projects;
  }

  private async update(
    table: string,
    changes: Record<string, unknown>,
    col: (key: string) => string,
    idColumn: string,
    id: string,
    m: EntityManager,
  ): Promise<void> {
    const keys = Object.keys(changes).filter((k) => changes[k] !== undefined);
    if (keys.length === 0) return;
    await this.sql.run(
      `UPDATE ${table} SET ${keys.map((k) => `${col(k)} = ?`).join(', ')} WHERE ${idColumn} = ?`,
      [...keys.map((k) => changes[k] as SqlValue), id],
      m,
    );
  }
}
