import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { RejectDialog } from './reject-dialog';

describe('RejectDialog', () => {
  it('requires a non-blank reason', () => {
    const ref = { close: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        { provide: MatDialogRef, useValue: ref },
        { provide: MAT_DIALOG_DATA, useValue: { ownerId: 'a', hours: 1, project: 'P', date: '2026-11-25' } },
      ],
    });
    const c = TestBed.createComponent(RejectDialog).componentInstance;
    c.reason.setValue('   ');
    c.submit();
    expect(ref.close).not.toHaveBeenCalled();
    c.reason.setValue(' Wrong project ');
    c.submit();
    expect(ref.close).toHaveBeenCalledWith('Wrong project');
  });
});
