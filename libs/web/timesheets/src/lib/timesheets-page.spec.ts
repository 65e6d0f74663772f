import { TestBed } from '@angular/core/testing';
import { signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { of, throwError } from 'rxjs';
import { HttpErrorResponse } from '@angular/common/http';
import { TimesheetEntry } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { TimesheetsApi } from '@timesheets/web-data-access';
import { TimesheetsPage } from './timesheets-page';
import { addDays, localToday, startOfWeek } from './week';

const entry = (over: Partial<TimesheetEntry>): TimesheetEntry => ({
  id: '1',
  ownerId: 'u',
  ownerName: null,
  date: localToday(),
  project: 'Apollo',
  hours: 2,
  notes: null,
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('TimesheetsPage', () => {
  const api = { list: jest.fn(), delete: jest.fn(), create: jest.fn(), update: jest.fn() };
  const dialog = { open: jest.fn() };
  const scopes = signal(new Set(['read:timesheets', 'create:timesheets', 'delete:timesheets']));

  beforeEach(() => {
    jest.resetAllMocks();
    api.list.mockReturnValue(of({ items: [entry({})], nextCursor: 'c2' }));
    TestBed.configureTestingModule({
      providers: [
        { provide: TimesheetsApi, useValue: api },
        { provide: MatDialog, useValue: dialog },
        { provide: AuthService, useValue: { hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)) } },
      ],
    });
  });

  function create() {
    const f = TestBed.createComponent(TimesheetsPage);
    f.detectChanges();
    return f;
  }

  it('loads the current week and the first page', () => {
    const f = create();
    const monday = startOfWeek(localToday());
    expect(api.list).toHaveBeenCalledWith({ from: monday, to: addDays(monday, 6), limit: 100 });
    expect(f.componentInstance.grid().total).toBe(2);
    expect(f.nativeElement.textContent).toContain('Apollo');
    expect(f.nativeElement.querySelectorAll('tr[data-entry-id]').length).toBe(1);
  });

  it('moves between weeks', () => {
    const f = create();
    const c = f.componentInstance;
    const monday = c.weekStart();
    c.nextWeek();
    expect(c.weekStart()).toBe(addDays(monday, 7));
    c.prevWeek();
    c.prevWeek();
    f.detectChanges();
    expect(c.weekStart()).toBe(addDays(monday, -7));
    expect(api.list).toHaveBeenLastCalledWith({ from: addDays(monday, -7), to: addDays(monday, -1), limit: 100 });
    // One request per week shown, not per click.
    expect(api.list.mock.calls.filter(([q]) => q.limit === 100)).toHaveLength(2);
  });

  it('pages with nextCursor and applies filters', () => {
    const f = create();
    const c = f.componentInstance;
    api.list.mockReturnValue(of({ items: [entry({ id: '2' })], nextCursor: null }));
    c.list.more();
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c2' }));
    expect(c.list.items().map((e) => e.id)).toEqual(['1', '2']);
    expect(c.list.hasMore()).toBe(false);
    f.detectChanges();
    expect(f.nativeElement.textContent).not.toContain('Load more');
    c.filterStatus.set('rejected');
    c.applyFilters();
    f.detectChanges();
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'rejected', cursor: undefined }));
  });

  it('shows the API error and retries', () => {
    api.list.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 500, error: { message: 'boom' } })));
    const f = create();
    expect(f.componentInstance.list.errors()).toEqual(['boom']);
    expect(f.nativeElement.querySelector('[role=alert]').textContent).toContain('boom');
    api.list.mockReturnValue(of({ items: [entry({ id: 'back' })], nextCursor: null }));
    const retry = [...f.nativeElement.querySelectorAll('button')].filter(
      (b: HTMLButtonElement) => b.textContent?.trim() === 'Try again',
    );
    retry.forEach((b: HTMLButtonElement) => b.click());
    f.detectChanges();
    expect(f.nativeElement.querySelector('[role=alert]')).toBeNull();
    expect(f.nativeElement.querySelector('tr[data-entry-id=back]')).toBeTruthy();
  });

  it('keeps approved entries read-only and shows rejection reasons', () => {
    api.list.mockReturnValue(
      of({
        items: [
          entry({ id: 'a', status: 'approved' }),
          entry({ id: 'r', status: 'rejected', rejectionReason: 'Wrong project' }),
        ],
        nextCursor: null,
      }),
    );
    const f = create();
    const rows = f.nativeElement.querySelectorAll('tr[data-entry-id]');
    expect(rows[0].textContent).toContain('Read-only');
    expect(rows[0].textContent).not.toContain('Edit');
    expect(rows[1].textContent).toContain('Rejected: Wrong project');
    expect(rows[1].textContent).toContain('Delete');
    f.componentInstance.edit(entry({ status: 'approved' }));
    expect(dialog.open).not.toHaveBeenCalled();
  });

  it('hides delete without delete:timesheets', () => {
    scopes.set(new Set(['read:timesheets', 'create:timesheets']));
    const f = create();
    expect(f.nativeElement.querySelector('tr[data-entry-id]').textContent).not.toContain('Delete');
    scopes.set(new Set(['read:timesheets', 'create:timesheets', 'delete:timesheets']));
  });

  it('deletes after confirmation only', () => {
    const c = create().componentInstance;
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    c.remove(entry({}));
    expect(api.delete).not.toHaveBeenCalled();
    dialog.open.mockReturnValue({ afterClosed: () => of(true) });
    api.delete.mockReturnValue(of(undefined));
    c.remove(entry({ id: 'x' }));
    expect(api.delete).toHaveBeenCalledWith('x');
  });
});
