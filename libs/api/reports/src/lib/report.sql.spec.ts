import { aggregateSql, detailSql, type ReportCriteria } from './report.sql';
import type { Reach } from './reach/reach';

const c: ReportCriteria = { from: '2026-01-01', to: '2026-01-31', status: ['pending', 'approved'] };
const own: Reach = { kind: 'own', self: 'me', issuer: 'iss' };
const team: Reach = { kind: 'team', self: 'me', issuer: 'iss', ownerIds: ['me', 'alice'], groupIds: [] };
const everybody: Reach = { kind: 'everybody', self: 'me', issuer: 'iss' };

describe('report SQL', () => {
  it('puts the reach in every query', () => {
    for (const q of [aggregateSql('sqlite', ['person'], c, own), detailSql('sqlite', c, own)]) {
      expect(q.sql).toContain('e.owner_id = ?');
      expect(q.params).toContain('me');
    }
    for (const q of [aggregateSql('postgres', ['month'], c, team), detailSql('postgres', c, team)]) {
      expect(q.sql).toMatch(/e\.owner_id IN \(\$\d+, \$\d+\)/);
      expect(q.params).toEqual(expect.arrayContaining(['me', 'alice']));
    }
    expect(aggregateSql('sqlite', ['month'], c, everybody).sql).not.toContain('e.owner_id = ?');
  });

  it('shows drafts to their owner only', () => {
    const drafts = aggregateSql('sqlite', [], { ...c, status: ['draft'] }, everybody);
    expect(drafts.sql).toContain("(e.status <> 'draft' OR e.owner_id = ?)");
  });

  it('numbers its placeholders in the order of the text on PostgreSQL', () => {
    const q = aggregateSql('postgres', ['person', 'group'], { ...c, group: ['g1'] }, team, { limit: 10 });
    const numbers = [...q.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(numbers).toHaveLength(q.params.length);
    expect(q.params[q.params.length - 1]).toBe(10);
    expect(q.sql).toMatch(/^WITH RECURSIVE report_groups/);
  });

  it('keeps the status a filter on SQLite so that the period or the people choose the index', () => {
    expect(aggregateSql('sqlite', [], c, everybody).sql).toContain('+e.status IN');
    expect(aggregateSql('postgres', [], c, everybody).sql).not.toContain('+e.status');
  });

  it('adds the period in months where people are sought (the owner-month index), not to a scan of everybody', () => {
    const months = 'SUBSTR(e.date, 1, 7) >= ? AND SUBSTR(e.date, 1, 7) <= ?';
    for (const q of [
      aggregateSql('sqlite', ['person', 'month'], c, team),
      aggregateSql('postgres', ['person'], c, own),
      aggregateSql('sqlite', ['month'], { ...c, person: ['alice'] }, everybody),
      aggregateSql('sqlite', ['month'], { ...c, group: ['g1'] }, everybody),
    ]) {
      expect(q.sql.replace(/\$\d+/g, '?')).toContain(months);
      expect(q.params).toEqual(expect.arrayContaining(['2026-01', '2026-01']));
    }
    expect(aggregateSql('sqlite', ['person', 'month'], c, everybody).sql).not.toContain('SUBSTR(e.date, 1, 7) >=');
  });

  it('computes one branch per level, finest first, and groups the entries once per source', () => {
    const q = aggregateSql('sqlite', ['project', 'group', 'month'], c, everybody);
    expect(q.sql.match(/UNION ALL/g)).toHaveLength(3);
    expect(q.sql).toContain('base AS MATERIALIZED');
    expect(q.sql).toContain('based AS MATERIALIZED');
    expect(q.sql.indexOf('SELECT 3 AS lvl')).toBeLessThan(q.sql.indexOf('SELECT 0 AS lvl'));
  });
});
