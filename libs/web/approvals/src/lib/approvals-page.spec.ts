import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of, throwError } from 'rxjs';
import { TimesheetEntry } from '@timesheets/contracts';
import { ApprovalsApi } from '@timesheets/web-data-access';
import { ApprovalsPage } from './approvals-page';

const entry = (over: Partial<TimesheetEntry> = {}): TimesheetEntry => ({
  id: 'e1',
  ownerId: 'alice',
  ownerName: 'Alice Employee',
  date: '2026-11-24',
  project: 'Apollo',
  hours: 3,
  notes: null,
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('ApprovalsPage', () => {
  const api = { list: jest.fn(), approve: jest.fn(), reject: jest.fn() };
  const dialog = { open: jest.fn() };
  const snack = { open: jest.fn() };

  beforeEach(() => {
    jest.resetAllMocks();
    api.list.mockReturnValue(of({ items: [entry()], nextCursor: null }));
    TestBed.configureTestingModule({
      providers: [
        { provide: ApprovalsApi, useValue: api },
        { provide: MatDialog, useValue: dialog },
        { provide: MatSnackBar, useValue: snack },
      ],
    });
  });

  const create = () => {
    const f = TestBed.createComponent(ApprovalsPage);
    f.detectChanges();
    return f;
  };

  it('lists pending entries first by default', () => {
    const f = create();
    expect(api.list).toHaveBeenCalledWith({ status: 'pending', limit: 20, cursor: undefined });
    expect(f.nativeElement.textContent).toContain('Alice Employee');
  });

  it('approves and removes the entry from the pending list', () => {
    const c = create().componentInstance;
    api.approve.mockReturnValue(of(entry({ status: 'approved' })));
    c.approve(entry());
    expect(api.approve).toHaveBeenCalledWith('e1');
    expect(c.queue.items()).toEqual([]);
  });

  it('keeps a decided entry in place when every status is listed', () => {
    const f = create();
    const c = f.componentInstance;
    c.status.set('');
    f.detectChanges();
    expect(api.list).toHaveBeenLastCalledWith({ status: undefined, limit: 20, cursor: undefined });
    api.approve.mockReturnValue(of(entry({ status: 'approved' })));
    c.approve(entry());
    f.detectChanges();
    expect(c.queue.items().map((e) => e.status)).toEqual(['approved']);
    expect(f.nativeElement.querySelector('tr[data-entry-id=e1]').textContent).toContain('Approved');
    expect(f.nativeElement.querySelector('tr[data-entry-id=e1] button')).toBeNull();
  });

  it('rejects only with a reason', () => {
    const c = create().componentInstance;
    dialog.open.mockReturnValue({ afterClosed: () => of(undefined) });
    c.reject(entry());
    expect(api.reject).not.toHaveBeenCalled();
    dialog.open.mockReturnValue({ afterClosed: () => of('Wrong project') });
    api.reject.mockReturnValue(of(entry({ status: 'rejected', rejectionReason: 'Wrong project' })));
    c.reject(entry());
    expect(api.reject).toHaveBeenCalledWith('e1', 'Wrong project');
  });

  it("explains the API's refusal (own entry, not pending)", () => {
    const c = create().componentInstance;
    api.approve.mockReturnValue(
      throwError(() => new HttpErrorResponse({ status: 403, error: { message: 'You cannot approve your own entry' } })),
    );
    c.approve(entry());
    expect(snack.open).toHaveBeenCalledWith('You cannot approve your own entry', 'Dismiss');
    expect(c.busy()).toBeNull();
  });
});
