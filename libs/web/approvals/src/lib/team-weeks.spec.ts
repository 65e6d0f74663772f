import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { PersonRef, TeamWeeksDto } from '@timesheets/contracts';
import { ReportsApi } from '@timesheets/web-data-access';
import { TeamWeeks } from './team-weeks';

const person = (n: number, name: string): PersonRef => ({
  userId: `${n}1111111-1111-4111-8111-111111111111`,
  ownerId: `sub-${n}`,
  name,
  email: null,
});
const DTO: TeamWeeksDto = {
  weeks: ['2026-W50', '2026-W49'],
  people: [
    {
      person: person(1, 'Alice Employee'),
      expectedHours: 40,
      weeks: [
        { week: '2026-W50', state: 'draft', submitted: false, hours: 0, unsubmittedHours: 16 },
        { week: '2026-W49', state: 'approved', submitted: true, hours: 40, unsubmittedHours: 0 },
      ],
    },
    {
      person: person(2, 'Dan Part-time'),
      expectedHours: 20,
      weeks: [
        { week: '2026-W50', state: 'empty', submitted: false, hours: 0, unsubmittedHours: 0 },
        { week: '2026-W49', state: 'pending', submitted: true, hours: 22.5, unsubmittedHours: 0 },
      ],
    },
  ],
  totals: [
    { week: '2026-W50', hours: 0, expectedHours: 60, submitted: 0, people: 2 },
    { week: '2026-W49', hours: 62.5, expectedHours: 60, submitted: 2, people: 2 },
  ],
};

describe('TeamWeeks', () => {
  const api = { teamWeeks: jest.fn() };
  beforeEach(() => {
    api.teamWeeks.mockReset().mockReturnValue(of(DTO));
    TestBed.configureTestingModule({ providers: [{ provide: ReportsApi, useValue: api }, provideRouter([])] });
  });
  /** Text as read out: the word, the hours and the note of a cell are separate blocks (spans shown as blocks). */
  const text = (n: Node): string =>
    n.nodeType === Node.TEXT_NODE ? (n.textContent ?? '') : [...n.childNodes].map(text).join(' ');
  const cells = (row: Element) => [...row.children].map((c) => text(c).replace(/\s+/g, ' ').trim());

  it('shows who has submitted this week and last, hours against the expected week', () => {
    const f = TestBed.createComponent(TeamWeeks);
    f.detectChanges();
    expect(api.teamWeeks).toHaveBeenCalledWith();
    const table = f.nativeElement.querySelector('table[aria-label="Your team\'s weeks"]') as HTMLTableElement;
    const rows = [...table.querySelectorAll('tbody tr')].map(cells);
    expect(rows).toEqual([
      ['Alice Employee 40 h a week', 'Not submitted 0 of 40 h + 16 h not submitted', 'Approved 40 of 40 h'],
      ['Dan Part-time 20 h a week', 'Nothing recorded 0 of 20 h', 'Submitted 22.5 of 20 h'],
    ]);
    expect(cells(table.querySelector('thead tr') as Element)).toEqual([
      'Person',
      'This week 2026-W50 (7 Dec – 13 Dec)',
      'Last week 2026-W49 (30 Nov – 6 Dec)',
    ]);
    expect(cells(table.querySelector('tfoot tr') as Element)).toEqual([
      'Team',
      '0 of 2 submitted · 0 of 60 h',
      '2 of 2 submitted · 62.5 of 60 h',
    ]);
    const meter = table.querySelector('tbody tr:nth-child(2) td:nth-child(3) meter') as HTMLMeterElement;
    expect(meter.getAttribute('aria-label')).toBe('22.5 of 20 hours submitted, 2026-W49');
    // Over the expected week: the meter is full, not broken.
    expect(meter.max).toBe(22.5);
  });

  it('links to the reports page on the two weeks, by person and week', () => {
    const f = TestBed.createComponent(TeamWeeks);
    f.detectChanges();
    const link = f.nativeElement.querySelector('a[href^="/reports"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/reports?from=2026-11-30&to=2026-12-13&groupBy=person,week');
  });

  it('says so when there is nobody to approve for', () => {
    api.teamWeeks.mockReturnValue(of({ ...DTO, people: [], totals: [] }));
    const f = TestBed.createComponent(TeamWeeks);
    f.detectChanges();
    expect(f.nativeElement.textContent).toContain('Nobody to approve for yet');
    expect(f.nativeElement.querySelector('table')).toBeNull();
  });
});
