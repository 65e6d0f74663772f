import { convertToParamMap } from '@angular/router';
import { defaultFilters, filtersFromUrl, filtersToUrl, monthOf, periodError, toQuery } from './report-filters';

const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';
const url = (q: Record<string, string>) => filtersFromUrl(convertToParamMap(q), '2026-12-07');

describe('report filters', () => {
  it('defaults to this month, by project and week, the submitted hours', () => {
    expect(url({})).toEqual(defaultFilters('2026-12-07'));
    expect(url({})).toMatchObject({ from: '2026-12-01', to: '2026-12-31', groupBy: ['project', 'week'], status: [] });
  });

  it('months end on their last day (leap years too)', () => {
    expect(monthOf('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthOf('2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('round-trips through the URL', () => {
    const f = url({
      from: '2026-11-01',
      to: '2026-11-30',
      groupBy: 'person,month',
      person: 'auth0|abc,sub-2',
      project: `${P},${Q}`,
      billable: 'false',
      status: 'approved',
    });
    expect(f).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      groupBy: ['person', 'month'],
      person: ['auth0|abc', 'sub-2'],
      group: [],
      customer: [],
      project: [P, Q],
      billable: false,
      status: ['approved'],
    });
    expect(filtersFromUrl(convertToParamMap(filtersToUrl(f)), '2030-01-01')).toEqual(f);
    expect(toQuery(f)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      groupBy: ['person', 'month'],
      person: ['auth0|abc', 'sub-2'],
      project: [P, Q],
      billable: false,
      status: ['approved'],
    });
  });

  it('drops what is malformed instead of sending it', () => {
    const f = url({
      from: '2026-02-30',
      to: 'yesterday',
      groupBy: 'project,colour,project,week,day,month',
      project: `${P},not-a-uuid`,
      group: 'x',
      billable: 'maybe',
      status: 'approved,lost,approved',
    });
    expect(f.from).toBe('2026-12-01');
    expect(f.to).toBe('2026-12-31');
    // Known, distinct, at most three.
    expect(f.groupBy).toEqual(['project', 'week', 'day']);
    expect(f.project).toEqual([P]);
    expect(f.group).toEqual([]);
    expect(f.billable).toBeNull();
    expect(f.status).toEqual(['approved']);
  });

  it('an empty groupBy in the URL means totals only', () => {
    expect(url({ groupBy: '' }).groupBy).toEqual([]);
    expect(filtersToUrl(url({ groupBy: '' }))['groupBy']).toBe('');
  });

  it('checks the period as the API will', () => {
    expect(periodError({ from: '2026-11-01', to: '2026-11-30' }, 366)).toBeNull();
    expect(periodError({ from: '2026-12-01', to: '2026-11-30' }, 366)).toBe('From must not be after To.');
    expect(periodError({ from: '2026-01-01', to: '2026-01-31' }, 30)).toBe('A report covers at most 30 days.');
    expect(periodError({ from: '', to: '2026-01-31' }, 30)).toBe('From must be a real date.');
  });
});
