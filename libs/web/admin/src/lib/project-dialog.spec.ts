import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { of, throwError } from 'rxjs';
import { TimesheetMessages } from '@timesheets/contracts';
import { AdminApi } from '@timesheets/web-data-access';
import { ProjectDialog, normalizeCode } from './project-dialog';

describe('ProjectDialog', () => {
  const api = { createProject: jest.fn(), updateProject: jest.fn() };
  const ref = { close: jest.fn() };
  const groups = [{ id: 'g1', name: 'Engineering', description: '', parentId: null }];

  function create(data: object = { customers: [{ id: 'c1', name: 'Acme', archived: false }], groups }) {
    jest.resetAllMocks();
    TestBed.configureTestingModule({
      providers: [
        { provide: AdminApi, useValue: api },
        { provide: MatDialogRef, useValue: ref },
        { provide: MAT_DIALOG_DATA, useValue: data },
      ],
    });
    const f = TestBed.createComponent(ProjectDialog);
    f.detectChanges();
    return f;
  }

  it('checks the code and name like the API and says so with its words', () => {
    const f = create();
    const c = f.componentInstance;
    c.form.patchValue({ code: 'a', name: ' ' });
    c.save();
    f.detectChanges();
    expect(api.createProject).not.toHaveBeenCalled();
    expect(f.nativeElement.textContent).toContain(TimesheetMessages.projectCode);
    expect(f.nativeElement.textContent).toContain(TimesheetMessages.projectName);
    for (const bad of ['-AB', 'A B', 'x'.repeat(21)]) {
      c.form.controls.code.setValue(bad);
      expect(c.form.controls.code.invalid).toBe(true);
    }
    expect(normalizeCode(' web-2 ')).toBe('WEB-2');
  });

  it('creates a project limited to groups, code upper case', () => {
    const f = create();
    api.createProject.mockReturnValue(of({ id: 'p1' }));
    f.componentInstance.form.setValue({
      code: ' apollo ',
      name: ' Apollo ',
      customerId: 'c1',
      billable: false,
      allowedGroupIds: ['g1'],
    });
    f.componentInstance.save();
    expect(api.createProject).toHaveBeenCalledWith({
      code: 'APOLLO',
      name: 'Apollo',
      customerId: 'c1',
      billable: false,
      allowedGroupIds: ['g1'],
    });
    expect(ref.close).toHaveBeenCalledWith({ id: 'p1' });
  });

  it('edits a project and shows where the API says the problem is', () => {
    const project = {
      id: 'p1',
      code: 'APOLLO',
      name: 'Apollo',
      customer: null,
      billable: true,
      archived: false,
      allowedGroups: [],
      createdAt: '',
      updatedAt: '',
    };
    const f = create({ project, customers: [], groups: [] });
    api.updateProject.mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              message: ['Code APOLLO2 is already used.'],
              errors: [{ field: 'code', message: 'Code APOLLO2 is already used.' }],
            },
          }),
      ),
    );
    f.componentInstance.form.controls.code.setValue('APOLLO2');
    f.componentInstance.save();
    f.detectChanges();
    // Without read:groups the groups are not sent (and so not changed).
    expect(api.updateProject).toHaveBeenCalledWith('p1', {
      code: 'APOLLO2',
      name: 'Apollo',
      customerId: null,
      billable: true,
    });
    expect(f.nativeElement.querySelector('[role=alert]').textContent).toContain('already used');
    expect(f.componentInstance.form.controls.code.errors).toEqual({ api: 'Code APOLLO2 is already used.' });
  });
});
