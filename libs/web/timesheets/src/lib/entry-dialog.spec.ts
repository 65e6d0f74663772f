import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { of, throwError } from 'rxjs';
import { HttpErrorResponse } from '@angular/common/http';
import { TimesheetMessages } from '@timesheets/contracts';
import { TimesheetsApi } from '@timesheets/web-data-access';
import { EntryDialog } from './entry-dialog';

describe('EntryDialog', () => {
  const api = { create: jest.fn(), update: jest.fn() };
  const ref = { close: jest.fn() };

  function create(data: object = { date: '2026-11-25' }) {
    jest.resetAllMocks();
    TestBed.configureTestingModule({
      providers: [
        { provide: TimesheetsApi, useValue: api },
        { provide: MatDialogRef, useValue: ref },
        { provide: MAT_DIALOG_DATA, useValue: data },
      ],
    });
    const f = TestBed.createComponent(EntryDialog);
    f.detectChanges();
    return f;
  }

  it('validates like the API and shows its messages', () => {
    const f = create();
    const c = f.componentInstance;
    c.form.setValue({ date: '2026-02-30', project: '  ', hours: 24.5, notes: '' });
    c.save();
    f.detectChanges();
    expect(api.create).not.toHaveBeenCalled();
    const text = f.nativeElement.textContent as string;
    expect(text).toContain(TimesheetMessages.date);
    expect(text).toContain(TimesheetMessages.project);
    expect(text).toContain(TimesheetMessages.hours);
    c.form.controls.hours.setValue(0);
    expect(c.form.controls.hours.invalid).toBe(true);
    c.form.controls.hours.setValue(1.255);
    expect(c.form.controls.hours.invalid).toBe(true);
    c.form.controls.hours.setValue(24);
    expect(c.form.controls.hours.valid).toBe(true);
  });

  it('creates a trimmed entry and closes with it', () => {
    const f = create();
    api.create.mockReturnValue(of({ id: 'n' }));
    f.componentInstance.form.setValue({ date: '2026-11-25', project: ' Apollo ', hours: 7.5, notes: '' });
    f.componentInstance.save();
    expect(api.create).toHaveBeenCalledWith({ date: '2026-11-25', project: 'Apollo', hours: 7.5 });
    expect(ref.close).toHaveBeenCalledWith({ id: 'n' });
  });

  it('updates an existing entry and shows server errors', () => {
    const f = create({
      entry: {
        id: 'e1',
        date: '2026-11-25',
        project: 'A',
        hours: 1,
        notes: 'x',
        status: 'rejected',
        rejectionReason: 'no',
      },
    });
    api.update.mockReturnValue(
      throwError(
        () => new HttpErrorResponse({ status: 409, error: { message: 'Approved entries cannot be changed' } }),
      ),
    );
    f.componentInstance.save();
    f.detectChanges();
    expect(api.update).toHaveBeenCalledWith('e1', { date: '2026-11-25', project: 'A', hours: 1, notes: 'x' });
    expect(f.nativeElement.querySelector('[role=alert]').textContent).toContain('Approved entries cannot be changed');
    expect(f.nativeElement.textContent).toContain('Rejected: no');
  });
});
