import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { BehaviorSubject, of, throwError } from 'rxjs';
import { ApprovalQueueItem, ApprovalWeekDto, PersonRef, weekDays } from '@timesheets/contracts';
import { ApprovalsApi, ReportsApi } from '@timesheets/web-data-access';
import { ApprovalsPage, decidedMessage } from './approvals-page';
import { filtersFromUrl, filtersToUrl } from './approval-filters';

const ALICE: PersonRef = {
  userId: '11111111-1111-4111-8111-111111111111',
  ownerId: 'sub-a',
  name: 'Alice Employee',
  email: null,
};
const DAN: PersonRef = {
  userId: '22222222-2222-4222-8222-222222222222',
  ownerId: 'sub-d',
  name: null,
  email: 'dan@x.test',
};
const item = (person = ALICE, week = '2026-W49', over: Partial<ApprovalQueueItem> = {}): ApprovalQueueItem => ({
  person,
  week,
  status: 'pending',
  hours: 38.5,
  days: [8, 8, 8, 8, 6.5, 0, 0],
  entries: 5,
  ...over,
});

describe('ApprovalsPage', () => {
  const api = { queue: jest.fn(), personWeek: jest.fn(), decide: jest.fn(), undo: jest.fn(), options: jest.fn() };
  const dialog = { open: jest.fn() };
  const snack = { open: jest.fn() };
  const router = { navigate: jest.fn() };
  let query: BehaviorSubject<ReturnType<typeof convertToParamMap>>;

  beforeEach(() => {
    jest.resetAllMocks();
    query = new BehaviorSubject(convertToParamMap({}));
    api.queue.mockReturnValue(of({ items: [item(), item(DAN)], nextCursor: null }));
    api.options.mockReturnValue(
      of({
        people: [ALICE, DAN],
        groups: [{ id: '44444444-4444-4444-8444-444444444444', name: 'Engineering' }],
        projects: [{ id: '33333333-3333-4333-8333-333333333333', code: 'APOLLO', name: 'Apollo' }],
      }),
    );
    TestBed.configureTestingModule({
      providers: [
        { provide: ApprovalsApi, useValue: api },
        // The team's weeks above the queue (team-weeks.spec.ts): nobody here.
        {
          provide: ReportsApi,
          useValue: { teamWeeks: () => of({ weeks: ['2026-W49', '2026-W48'], people: [], totals: [] }) },
        },
        { provide: MatDialog, useValue: dialog },
        { provide: MatSnackBar, useValue: snack },
        { provide: Router, useValue: router },
        {
          provide: ActivatedRoute,
          useValue: { queryParamMap: query, snapshot: { queryParamMap: query.value } },
        },
      ],
    });
  });

  const create = () => {
    const f = TestBed.createComponent(ApprovalsPage);
    f.detectChanges();
    return f;
  };
  const text = (el: HTMLElement) => el.textContent ?? '';

  it('lists pending person-weeks by default, with their totals', () => {
    const f = create();
    expect(api.queue).toHaveBeenCalledWith({ status: 'pending', limit: 20, cursor: undefined });
    const rows = f.nativeElement.querySelectorAll('tr[data-week]');
    expect(rows).toHaveLength(2);
    expect(text(rows[0])).toContain('Alice Employee');
    expect(text(rows[0])).toContain('2026-W49 (30 Nov – 6 Dec)');
    expect(text(rows[0])).toContain('38.5');
    expect(text(rows[1])).toContain('dan@x.test');
  });

  it('offers the people, groups and projects the approver may filter by', () => {
    const f = create();
    const labels = [...f.nativeElement.querySelectorAll('mat-label')].map((l: Element) => l.textContent?.trim());
    expect(labels).toEqual(['Status', 'Person', 'Group', 'Project', 'From week', 'To week']);
    expect(f.componentInstance.options.value().people).toHaveLength(2);
  });

  it('reads its filters from the URL and writes them back there', () => {
    query.next(
      convertToParamMap({ status: 'approved', person: ALICE.userId, from: '2026-W40', to: 'bogus', group: 'x' }),
    );
    const f = create();
    expect(api.queue).toHaveBeenLastCalledWith({
      status: 'approved',
      person: ALICE.userId,
      group: undefined,
      project: undefined,
      from: '2026-W40',
      to: undefined,
      limit: 20,
      cursor: undefined,
    });
    const c = f.componentInstance;
    c.setForm('to', '2026-W39');
    c.applyFilters();
    expect(c.formError()).toMatch(/first week must not be after the last/);
    expect(router.navigate).not.toHaveBeenCalled();
    c.setForm('to', '2026-W45');
    c.setForm('status', 'pending');
    c.applyFilters();
    expect(router.navigate).toHaveBeenCalledWith(
      [],
      expect.objectContaining({
        queryParams: { person: ALICE.userId, from: '2026-W40', to: '2026-W45' },
      }),
    );
  });

  it('round-trips filters through the URL', () => {
    const f = { status: 'rejected' as const, project: '33333333-3333-4333-8333-333333333333', from: '2026-W01' };
    expect(filtersFromUrl(convertToParamMap(filtersToUrl(f)))).toEqual({
      ...f,
      person: undefined,
      group: undefined,
      to: undefined,
    });
  });

  it('approves the selected weeks in one request; they stay listed, greyed, approved, with Undo for a while', () => {
    jest.useFakeTimers();
    try {
      const f = create();
      const c = f.componentInstance;
      c.toggleAll(true);
      expect(c.selection()).toHaveLength(2);
      const decidedAt = '2026-12-07T10:00:00.000Z';
      api.decide.mockReturnValue(
        of({
          decision: 'approve',
          decidedAt,
          items: [
            { userId: ALICE.userId, week: '2026-W49', entries: 5, hours: 38.5 },
            { userId: DAN.userId, week: '2026-W49', entries: 5, hours: 38.5 },
          ],
          entries: 10,
        }),
      );
      c.approve(c.selection());
      expect(api.decide).toHaveBeenCalledWith({
        decision: 'approve',
        reason: undefined,
        items: [
          { userId: ALICE.userId, week: '2026-W49' },
          { userId: DAN.userId, week: '2026-W49' },
        ],
      });
      expect(c.queue.items().map((i) => i.status)).toEqual(['approved', 'approved']);
      expect(c.pending()).toEqual([]);
      expect(c.selected().size).toBe(0);
      expect(snack.open).toHaveBeenCalledWith('Approved 2 weeks (10 entries)', undefined, { duration: 4000 });
      f.detectChanges();
      const rows = f.nativeElement.querySelectorAll('tr[data-week]') as NodeListOf<HTMLElement>;
      expect(rows[0].classList).toContain('ts-decided');
      expect(text(rows[0])).toContain('Approved');
      expect(text(rows[0])).toContain('Undo');
      expect(text(rows[0])).not.toMatch(/\bApprove\b/);

      // Undo sends exactly this person-week's part of the decision back.
      api.undo.mockReturnValue(of({ items: [{ userId: ALICE.userId, week: '2026-W49', entries: 5 }], entries: 5 }));
      c.undo(c.queue.items()[0]);
      expect(api.undo).toHaveBeenCalledWith({
        decision: 'approve',
        decidedAt,
        items: [{ userId: ALICE.userId, week: '2026-W49', entries: 5 }],
      });
      expect(c.queue.items().map((i) => i.status)).toEqual(['pending', 'approved']);
      f.detectChanges();
      expect(rows[0].classList).not.toContain('ts-decided');

      // After a few seconds Dan's row no longer offers Undo; it stays listed as approved.
      jest.advanceTimersByTime(10_000);
      f.detectChanges();
      const dan = f.nativeElement.querySelectorAll('tr[data-week]')[1] as HTMLElement;
      expect(text(dan)).toContain('Approved');
      expect(text(dan)).not.toContain('Undo');
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the decision and drops Undo when the API says the week changed since', () => {
    const c = create().componentInstance;
    api.decide.mockReturnValue(
      of({
        decision: 'approve',
        decidedAt: '2026-12-07T10:00:00.000Z',
        items: [{ userId: ALICE.userId, week: '2026-W49', entries: 5, hours: 38.5 }],
        entries: 5,
      }),
    );
    c.approve([item()]);
    const message = 'Item 1: This decision can no longer be undone: its entries changed since.';
    api.undo.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 409, error: { message } })));
    c.undo(c.queue.items()[0]);
    expect(snack.open).toHaveBeenCalledWith(message, 'Dismiss');
    expect(c.queue.items()[0].status).toBe('approved');
    expect(c.recentOf(c.queue.items()[0])?.undoable).toBe(false);
  });

  it('rejects only with a reason', () => {
    const c = create().componentInstance;
    dialog.open.mockReturnValue({ afterClosed: () => of(undefined) });
    c.reject([item()]);
    expect(api.decide).not.toHaveBeenCalled();
    expect(dialog.open.mock.calls[0][1].data.weeks).toEqual(['Alice Employee, 2026-W49 (30 Nov – 6 Dec)']);
    dialog.open.mockReturnValue({ afterClosed: () => of('Wrong project') });
    api.decide.mockReturnValue(
      of({ decision: 'reject', decidedAt: '2026-12-07T10:00:00.000Z', items: [], entries: 0 }),
    );
    c.reject([item()]);
    expect(api.decide).toHaveBeenCalledWith(expect.objectContaining({ decision: 'reject', reason: 'Wrong project' }));
  });

  it("says why the API refused, and changes nothing (someone else's team)", () => {
    const c = create().componentInstance;
    api.decide.mockReturnValue(
      throwError(
        () => new HttpErrorResponse({ status: 404, error: { message: 'Not one of the people you approve for.' } }),
      ),
    );
    c.approve([item()]);
    expect(snack.open).toHaveBeenCalledWith('Not one of the people you approve for.', 'Dismiss');
    expect(c.queue.items()).toHaveLength(2);
  });

  it('expands a person-week to its entries', () => {
    const f = create();
    const week: ApprovalWeekDto = {
      person: ALICE,
      week: '2026-W49',
      days: weekDays('2026-W49'),
      entries: [
        {
          id: 'e1',
          ownerId: 'sub-a',
          ownerName: 'Alice Employee',
          date: '2026-11-30',
          project: { id: 'p1', code: 'APOLLO', name: 'Apollo' },
          hours: 8,
          notes: 'kick-off',
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          rejectionReason: null,
          createdAt: '',
          updatedAt: '',
        },
      ],
      totals: { days: [8, 0, 0, 0, 0, 0, 0], week: 8 },
    };
    api.personWeek.mockReturnValue(of(week));
    f.componentInstance.expand(item());
    f.detectChanges();
    expect(api.personWeek).toHaveBeenCalledWith(ALICE.userId, '2026-W49');
    const detail = f.nativeElement.querySelector('#detail-0');
    expect(text(detail)).toContain('APOLLO · Apollo');
    expect(text(detail)).toContain('kick-off');
    expect(text(detail)).toContain('Week: 8');
    const toggle = f.nativeElement.querySelector('[aria-controls=detail-0]');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('says what was decided with each word translatable and singulars right', () => {
    expect(decidedMessage('approve', 2, 10)).toBe('Approved 2 weeks (10 entries)');
    expect(decidedMessage('reject', 1, 1)).toBe('Rejected 1 week (1 entry)');
    expect(decidedMessage('approve', 1, 1234)).toBe('Approved 1 week (1,234 entries)');
  });
});
