import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { ActivatedRoute, Router, convertToParamMap } from '@angular/router';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { BehaviorSubject, of, throwError } from 'rxjs';
import { ProjectRef, TimesheetEntry, TimesheetStatus, WeekDto, isoWeekOf, weekDays } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { ProjectsApi, TimesheetsApi } from '@timesheets/web-data-access';
import { localToday } from '@timesheets/web-ui';
import { WeekPage } from './week-page';

const APOLLO: ProjectRef = { id: 'pa', code: 'APOLLO', name: 'Apollo' };
const BORE: ProjectRef = { id: 'pb', code: 'BORE', name: 'Bore' };
const W = '2026-W49';
const DAYS = weekDays(W);

const entry = (project: ProjectRef, day: number, hours: number, status: TimesheetStatus = 'draft', id = `e${day}`) =>
  ({
    id,
    ownerId: 'alice',
    ownerName: 'Alice',
    date: DAYS[day],
    project,
    hours,
    notes: null,
    status,
    decidedBy: null,
    decidedAt: null,
    rejectionReason: status === 'rejected' ? 'Wrong project' : null,
    createdAt: '',
    updatedAt: '',
  }) as TimesheetEntry;

const weekDto = (entries: TimesheetEntry[], over: Partial<WeekDto> = {}): WeekDto => ({
  week: W,
  days: DAYS,
  state: entries.length ? 'draft' : 'empty',
  entries,
  totals: { days: [0, 0, 0, 0, 0, 0, 0], week: 0 },
  counts: {
    draft: entries.filter((e) => e.status === 'draft').length,
    pending: 0,
    approved: 0,
    rejected: entries.filter((e) => e.status === 'rejected').length,
  },
  lockedThrough: null,
  latestDate: '2026-12-13',
  ...over,
});

describe('WeekPage', () => {
  const api = { week: jest.fn(), saveWeek: jest.fn(), submitWeek: jest.fn(), delete: jest.fn() };
  const dialog = { open: jest.fn() };
  const snack = { open: jest.fn() };
  const router = { navigate: jest.fn() };
  const scopes = signal(new Set(['read:timesheets', 'create:timesheets', 'read:projects']));
  let query: BehaviorSubject<ReturnType<typeof convertToParamMap>>;

  beforeEach(() => {
    jest.resetAllMocks();
    query = new BehaviorSubject(convertToParamMap({ week: W }));
    api.week.mockReturnValue(of(weekDto([entry(APOLLO, 0, 8), entry(APOLLO, 1, 7.5)])));
    TestBed.configureTestingModule({
      providers: [
        { provide: TimesheetsApi, useValue: api },
        { provide: ProjectsApi, useValue: { bookable: () => of([APOLLO, BORE]) } },
        {
          provide: AuthService,
          useValue: {
            grantedScopes: scopes,
            hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)),
          },
        },
        { provide: MatDialog, useValue: dialog },
        { provide: MatSnackBar, useValue: snack },
        { provide: Router, useValue: router },
        { provide: ActivatedRoute, useValue: { queryParamMap: query, snapshot: { queryParamMap: query.value } } },
      ],
    });
  });

  function create() {
    const f = TestBed.createComponent(WeekPage);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    const cell = (r: number, c: number) =>
      el.querySelector<HTMLInputElement>(`input[data-row="${r}"][data-col="${c}"]`);
    const type = (r: number, c: number, text: string) => {
      const input = cell(r, c) as HTMLInputElement;
      input.value = text;
      input.dispatchEvent(new Event('input'));
      f.detectChanges();
    };
    const totals = (id: string) => [...el.querySelectorAll(`[data-testid=${id}]`)].map((t) => t.textContent?.trim());
    return { f, el, cell, type, totals };
  }

  it('shows the week from the URL as a grid with totals, 0 written as such', () => {
    const { el, cell, totals } = create();
    expect(api.week).toHaveBeenCalledWith(W);
    expect(el.querySelector('h2')?.textContent).toContain('2026-W49 (30 Nov – 6 Dec)');
    expect(cell(0, 0)?.value).toBe('8');
    expect(cell(0, 1)?.value).toBe('7.5');
    expect(cell(0, 2)?.value).toBe('');
    expect(totals('day-total')).toEqual(['8', '7.5', '0', '0', '0', '0', '0']);
    expect(totals('row-total')).toEqual(['15.5']);
    expect(totals('week-total')).toEqual(['15.5']);
    expect(el.querySelector('[data-testid=week-state]')?.textContent).toContain('Not submitted yet');
  });

  it('labels every cell with its project and day', () => {
    const { el, cell } = create();
    const ids = cell(0, 2)?.getAttribute('aria-labelledby')?.split(' ') ?? [];
    expect(ids.map((id) => el.querySelector(`#${id}`)?.textContent?.trim())).toEqual(['APOLLO · Apollo', 'Wed 2 Dec']);
  });

  it('opens on this week without a week in the URL', () => {
    query.next(convertToParamMap({}));
    create();
    expect(api.week).toHaveBeenCalledWith(isoWeekOf(localToday()));
  });

  it('totals as the person types and marks what is not hours', () => {
    const { f, cell, type, totals } = create();
    type(0, 2, '7:30');
    expect(totals('week-total')).toEqual(['23']);
    type(0, 3, 'lots');
    expect(cell(0, 3)?.getAttribute('aria-invalid')).toBe('true');
    expect(totals('week-total')).toEqual(['23']);
    type(0, 0, '20');
    type(0, 4, '24');
    expect(f.nativeElement.textContent).not.toContain('over 24');
    type(0, 4, '25');
    expect(cell(0, 4)?.getAttribute('aria-invalid')).toBe('true');
    f.componentInstance.save();
    expect(api.saveWeek).not.toHaveBeenCalled();
  });

  it('moves between cells with the arrow keys and Enter', () => {
    const { f, cell } = create();
    f.componentInstance.addRow(BORE);
    f.detectChanges();
    const key = (input: HTMLInputElement | null, k: string) =>
      input?.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    cell(0, 0)?.focus();
    cell(0, 0)?.setSelectionRange(1, 1); // caret after "8"
    key(cell(0, 0), 'ArrowRight');
    expect(document.activeElement).toBe(cell(0, 1));
    key(cell(0, 1), 'ArrowDown');
    expect(document.activeElement).toBe(cell(1, 1));
    key(cell(1, 1), 'ArrowLeft'); // empty cell: caret at the start
    expect(document.activeElement).toBe(cell(1, 0));
    key(cell(1, 0), 'ArrowUp');
    expect(document.activeElement).toBe(cell(0, 0));
    key(cell(0, 0), 'Enter');
    expect(document.activeElement).toBe(cell(1, 0));
    key(cell(1, 0), 'ArrowDown'); // no row below: stays
    expect(document.activeElement).toBe(cell(1, 0));
  });

  it('adds a row from the bookable projects and saves the week in one request', () => {
    const { f, el, type } = create();
    const c = f.componentInstance;
    expect(c.addable()).toEqual([BORE]);
    c.addRow(BORE);
    f.detectChanges();
    expect(el.querySelectorAll('tbody th[scope=row]')).toHaveLength(2);
    type(1, 2, '4');
    type(0, 1, '');
    expect(el.textContent).toContain('Unsaved changes');
    api.saveWeek.mockReturnValue(of(weekDto([entry(APOLLO, 0, 8), entry(BORE, 2, 4, 'draft', 'n1')])));
    c.save();
    expect(api.saveWeek).toHaveBeenCalledWith(W, {
      entries: [
        { id: 'e0', date: DAYS[0], projectId: 'pa', hours: 8, notes: null },
        { date: DAYS[2], projectId: 'pb', hours: 4 },
      ],
    });
    f.detectChanges();
    expect(el.textContent).not.toContain('Unsaved changes');
    expect(snack.open).toHaveBeenCalledWith('Week saved', undefined, { duration: 3000 });
  });

  it("shows the API's row errors on their cells", () => {
    const { f, el, cell, type } = create();
    type(0, 1, '20');
    api.saveWeek.mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              message: ['Hours on 2026-12-01 would add up to 25; at most 24 hours a day.'],
              errors: [
                {
                  field: 'entries[1].hours',
                  message: 'Hours on 2026-12-01 would add up to 25; at most 24 hours a day.',
                },
              ],
            },
          }),
      ),
    );
    f.componentInstance.save();
    f.detectChanges();
    expect(cell(0, 1)?.getAttribute('aria-invalid')).toBe('true');
    const described = cell(0, 1)?.getAttribute('aria-describedby') ?? '';
    expect(el.querySelector(`#${described}`)?.textContent).toContain('would add up to 25');
    // The message in full, under the cell's row, with its day; the alert says where to look.
    const rowErrors = el.querySelector('[data-testid=row-errors]')?.textContent?.replace(/\s+/g, ' ').trim();
    expect(rowErrors).toBe('Tue 1 Dec: Hours on 2026-12-01 would add up to 25; at most 24 hours a day.');
    expect(el.querySelector('[data-testid=save-errors]')?.textContent).toContain('each message is under');
    // Typing into the cell again clears its error.
    type(0, 1, '2');
    expect(cell(0, 1)?.getAttribute('aria-invalid')).toBeNull();
  });

  it('submits after a confirmation that shows the totals, saving first', () => {
    const { f, type } = create();
    type(0, 2, '1');
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    f.componentInstance.submit();
    const data = dialog.open.mock.calls[0][1].data;
    expect(data).toEqual({ week: W, days: DAYS, dayTotals: [8, 7.5, 1, 0, 0, 0, 0], total: 16.5, unsaved: true });
    expect(api.submitWeek).not.toHaveBeenCalled();
    dialog.open.mockReturnValue({ afterClosed: () => of(true) });
    api.saveWeek.mockReturnValue(of(weekDto([entry(APOLLO, 0, 8), entry(APOLLO, 1, 7.5), entry(APOLLO, 2, 1)])));
    api.submitWeek.mockReturnValue(of(weekDto([entry(APOLLO, 0, 8, 'pending')], { state: 'pending' })));
    f.componentInstance.submit();
    expect(api.saveWeek).toHaveBeenCalled();
    expect(api.submitWeek).toHaveBeenCalledWith(W);
    f.detectChanges();
    expect(f.nativeElement.querySelector('[data-testid=week-state]').textContent).toContain('waiting for approval');
  });

  it('keeps submitted and locked days read-only and says why the week was rejected', () => {
    api.week.mockReturnValue(
      of(
        weekDto([entry(APOLLO, 0, 8, 'approved'), entry(APOLLO, 3, 2, 'rejected')], {
          state: 'rejected',
          lockedThrough: DAYS[1],
        }),
      ),
    );
    const { el, cell } = create();
    expect(cell(0, 0)?.readOnly).toBe(true);
    expect(cell(0, 1)?.readOnly).toBe(true);
    expect(cell(0, 2)?.readOnly).toBe(false);
    expect(el.querySelector('[data-testid=lock-note]')?.textContent).toContain('locked through 1 December 2026');
    expect(el.querySelector('[data-testid=week-state]')?.textContent).toContain('Rejected');
    const reason = cell(0, 3)?.getAttribute('aria-describedby');
    expect(el.querySelector(`#${reason}`)?.textContent).toContain('Wrong project');
  });

  it('is read-only without create:timesheets', () => {
    scopes.set(new Set(['read:timesheets']));
    const { el, cell } = create();
    expect(cell(0, 2)?.readOnly).toBe(true);
    expect(el.textContent).not.toContain('Submit week');
    scopes.set(new Set(['read:timesheets', 'create:timesheets', 'read:projects']));
  });

  it('copies last week into the empty cells', () => {
    const { f, cell, totals } = create();
    const last = weekDto([entry(BORE, 2, 6)], { week: '2026-W48', days: weekDays('2026-W48') });
    last.entries[0].date = last.days[2];
    api.week.mockReturnValue(of(last));
    f.componentInstance.copyLastWeek();
    f.detectChanges();
    expect(api.week).toHaveBeenLastCalledWith('2026-W48');
    expect(cell(1, 2)?.value).toBe('6');
    expect(totals('week-total')).toEqual(['21.5']);
    expect(snack.open.mock.calls[0][0]).toContain('Copied 1 cells from 2026-W48');
  });

  it('asks before leaving unsaved hours', () => {
    const { f, type } = create();
    let answer: boolean | undefined;
    f.componentInstance.leave().subscribe((ok) => (answer = ok));
    expect(answer).toBe(true);
    type(0, 2, '3');
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    f.componentInstance.goToWeek(1);
    expect(router.navigate).not.toHaveBeenCalled();
    dialog.open.mockReturnValue({ afterClosed: () => of(true) });
    f.componentInstance.goToWeek(1);
    expect(router.navigate).toHaveBeenCalledWith([], expect.objectContaining({ queryParams: { week: '2026-W50' } }));
  });
});
