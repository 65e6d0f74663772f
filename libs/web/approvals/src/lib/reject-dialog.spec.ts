import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { TimesheetMessages } from '@timesheets/contracts';
import { RejectDialog } from './reject-dialog';

describe('RejectDialog', () => {
  it('lists the weeks and requires a non-blank reason', () => {
    const ref = { close: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        { provide: MatDialogRef, useValue: ref },
        { provide: MAT_DIALOG_DATA, useValue: { weeks: ['Alice, 2026-W49', 'Dan, 2026-W49'] } },
      ],
    });
    const f = TestBed.createComponent(RejectDialog);
    f.detectChanges();
    const c = f.componentInstance;
    expect(f.nativeElement.querySelectorAll('[data-testid=reject-weeks] li')).toHaveLength(2);
    c.reason.setValue('   ');
    c.submit();
    f.detectChanges();
    expect(ref.close).not.toHaveBeenCalled();
    expect(f.nativeElement.textContent).toContain(TimesheetMessages.reason);
    c.reason.setValue(' Wrong project ');
    c.submit();
    expect(ref.close).toHaveBeenCalledWith('Wrong project');
  });
});
