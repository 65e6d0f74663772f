import { provideLocaleDates } from '@timesheets/web-ui';
import { TestBed } from '@angular/core/testing';
import { signal } from '@angular/core';
import { Router } from '@angular/router';
import { provideRouter } from '@angular/router';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import { TimesheetEntry, TimesheetStatus } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { TimesheetsApi } from '@timesheets/web-data-access';
import { EntriesPage } from './entries-page';

const entry = (id: string, status: TimesheetStatus): TimesheetEntry => ({
  id,
  ownerId: 'alice',
  ownerName: 'Alice',
  date: '2026-12-02',
  project: { id: 'p', code: 'NW-WEB', name: 'Northwind web shop' },
  hours: 2,
  notes: null,
  status,
  decidedBy: null,
  decidedAt: null,
  rejectionReason: status === 'rejected' ? 'Wrong project' : null,
  createdAt: '',
  updatedAt: '',
});

describe('EntriesPage', () => {
  const api = { list: jest.fn(), delete: jest.fn() };
  const dialog = { open: jest.fn() };
  const scopes = signal(new Set(['read:timesheets', 'delete:timesheets']));

  beforeEach(() => {
    jest.resetAllMocks();
    api.list.mockReturnValue(
      of({
        items: ['draft', 'pending', 'approved', 'rejected'].map((s) => entry(s, s as TimesheetStatus)),
        nextCursor: 'c',
      }),
    );
    TestBed.configureTestingModule({
      providers: [
        ...provideLocaleDates(),
        provideRouter([]),
        { provide: TimesheetsApi, useValue: api },
        { provide: MatDialog, useValue: dialog },
        { provide: MatSnackBar, useValue: { open: jest.fn() } },
        { provide: AuthService, useValue: { hasScopes: (...s: string[]) => s.every((x) => scopes().has(x)) } },
      ],
    });
  });

  function create() {
    const f = TestBed.createComponent(EntriesPage);
    f.detectChanges();
    return f;
  }
  const buttons = (row: Element) => [...row.querySelectorAll('button')].map((b) => b.textContent?.trim());

  it('lists entries; drafts and rejected ones can be deleted, every one opens its week', () => {
    const f = create();
    expect(api.list).toHaveBeenCalledWith({ limit: 20, cursor: undefined });
    const rows = [...f.nativeElement.querySelectorAll('tr[data-entry-id]')] as Element[];
    expect(rows.map(buttons)).toEqual([['Open week', 'Delete'], ['Open week'], ['Open week'], ['Open week', 'Delete']]);
    expect(rows[3].textContent).toContain('Rejected: Wrong project');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    f.componentInstance.openWeek(entry('draft', 'draft'));
    expect(navigate).toHaveBeenCalledWith(['/timesheets'], { queryParams: { week: '2026-W49' } });
  });

  it('applies filters, and deletes only after confirmation', () => {
    const f = create();
    const c = f.componentInstance;
    c.filterStatus.set('rejected');
    c.filterFrom.set(new Date(2026, 10, 1));
    c.applyFilters();
    f.detectChanges();
    expect(api.list).toHaveBeenLastCalledWith({
      status: 'rejected',
      from: '2026-11-01',
      to: undefined,
      limit: 20,
      cursor: undefined,
    });
    dialog.open.mockReturnValue({ afterClosed: () => of(false) });
    c.remove(entry('draft', 'draft'));
    expect(api.delete).not.toHaveBeenCalled();
    dialog.open.mockReturnValue({ afterClosed: () => of(true) });
    api.delete.mockReturnValue(of(null));
    c.remove(entry('draft', 'draft'));
    expect(api.delete).toHaveBeenCalledWith('draft');
    expect(c.list.items().map((e) => e.id)).not.toContain('draft');
    c.remove(entry('approved', 'approved'));
    expect(api.delete).toHaveBeenCalledTimes(1);
  });

  it('hides delete without delete:timesheets', () => {
    scopes.set(new Set(['read:timesheets']));
    const f = create();
    expect(f.nativeElement.textContent).not.toContain('Delete');
    scopes.set(new Set(['read:timesheets', 'delete:timesheets']));
  });
});
