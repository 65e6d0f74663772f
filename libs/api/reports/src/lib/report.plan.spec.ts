import Database from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';
import type { ReportDimension } from '@timesheets/contracts';
import { REPORTS_MIGRATIONS } from './migrations';
import type { Reach } from './reach/reach';
import { aggregateSql, type ReportCriteria } from './report.sql';

/**
 * How SQLite runs the reports over the indexes the migrations make (EXPLAIN QUERY PLAN on the tables' columns that
 * reports read; no statistics, as in a database nobody ANALYZEd): the entries are read from a covering index, and
 * payroll's person x month report groups them in the index's order, without a sort.
 */
describe('report plans on SQLite', () => {
  const db = new Database(':memory:');
  beforeAll(async () => {
    db.exec(`
      CREATE TABLE timesheet_entries (id varchar PRIMARY KEY NOT NULL, owner_id varchar NOT NULL, owner_name varchar,
        date varchar NOT NULL, week varchar NOT NULL, project_id varchar NOT NULL, hours double precision NOT NULL,
        status varchar NOT NULL);
      CREATE INDEX idx_timesheet_entries_owner_date ON timesheet_entries (owner_id, date, id);
      CREATE INDEX idx_timesheet_entries_review ON timesheet_entries (status, week, owner_id);
      CREATE INDEX idx_timesheet_entries_project ON timesheet_entries (project_id);
      CREATE TABLE authz_users (id varchar PRIMARY KEY NOT NULL, issuer varchar, subject varchar, name varchar);
      CREATE UNIQUE INDEX uq_authz_users_identity ON authz_users (issuer, subject);
    `);
    // The migrations' statements on this connection (their tables other than the indexes are not needed here).
    const runner = {
      query: async (sql: string) => void db.exec(sql),
      createTable: async () => undefined,
      dropTable: async () => undefined,
      connection: { options: { type: 'better-sqlite3' } },
    } as unknown as QueryRunner;
    for (const M of REPORTS_MIGRATIONS) await new M().up(runner);
  });
  afterAll(() => db.close());

  const c: ReportCriteria = { from: '2024-01-01', to: '2024-12-31', status: ['pending', 'approved'] };
  const team: Reach = {
    kind: 'team',
    self: 'm',
    issuer: 'iss',
    ownerIds: Array.from({ length: 20 }, (_, i) => `p${i}`),
    groupIds: [],
  };

  /** The plan's lines under `MATERIALIZE base` (where the entries are read and grouped). */
  function basePlan(groupBy: ReportDimension[], reach: Reach): string[] {
    const q = aggregateSql('sqlite', groupBy, c, reach);
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const root = rows.find((r) => r.detail === 'MATERIALIZE base');
    if (!root) throw new Error(rows.map((r) => r.detail).join('\n'));
    const under = new Set([root.id]);
    for (const r of rows) if (under.has(r.parent)) under.add(r.id);
    return rows.filter((r) => r.id !== root.id && under.has(r.id)).map((r) => r.detail);
  }

  it("groups a team's entries by person and month in the index's order, without a sort", () => {
    const plan = basePlan(['person', 'month'], team);
    expect(plan).toContainEqual(
      expect.stringMatching(/COVERING INDEX idx_timesheet_entries_report_owner_month \(owner_id=\? AND <expr>>\?/),
    );
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('reads grouping by week from a covering index', () => {
    for (const reach of [team, { kind: 'everybody', self: 'm', issuer: 'iss' } as Reach])
      expect(basePlan(['person', 'week'], reach)).toContainEqual(expect.stringContaining('COVERING INDEX'));
  });
});
