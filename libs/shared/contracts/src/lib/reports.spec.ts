import { isValidWeekHours, neutraliseFormula, periodDays, ReportMessages } from './reports';

describe('reports', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    for (const t of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])
      expect(neutraliseFormula(t)).toBe(`'${t}`);
    for (const t of ['', 'APOLLO', ' =1', "'=1", 'a=b', '1-2']) expect(neutraliseFormula(t)).toBe(t);
  });

  it('counts the days of a period, both included', () => {
    expect(periodDays('2026-01-01', '2026-01-01')).toBe(1);
    expect(periodDays('2026-01-01', '2026-12-31')).toBe(365);
    expect(periodDays('2028-01-01', '2028-12-31')).toBe(366);
    expect(periodDays('2026-03-28', '2026-03-30')).toBe(3);
    expect(periodDays('2026-01-02', '2026-01-01')).toBe(0);
  });

  it('accepts expected weeks from 0 to 168 hours with 2 decimals', () => {
    for (const v of [0, 40, 37.5, 38.25, 168]) expect(isValidWeekHours(v)).toBe(true);
    for (const v of [-1, 168.01, 40.125, Number.NaN, '40', null]) expect(isValidWeekHours(v)).toBe(false);
  });

  it('names the field in every message', () => {
    expect(ReportMessages.period(366)).toContain('366 days');
    expect(ReportMessages.groupBy).toMatch(/^Group by/);
    expect(ReportMessages.outsideReach('group')).toMatch(/^Group/);
  });
});
