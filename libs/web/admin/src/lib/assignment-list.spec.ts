import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSelect } from '@angular/material/select';
import { By } from '@angular/platform-browser';
import { Assignable, AssignmentList } from './assignment-list';

@Component({
  imports: [AssignmentList],
  template: `
    <ts-assignment-list
      [assigned]="assigned()"
      [options]="options"
      [editable]="editable()"
      emptyText="No roles."
      addLabel="Add role"
      listLabel="Roles"
      [removeLabel]="removeLabel"
      (added)="added.push($event)"
      (removed)="removed.push($event)"
    />
  `,
})
class Host {
  readonly assigned = signal<Assignable[]>([{ id: 'r1', label: 'employee' }]);
  readonly options: Assignable[] = [
    { id: 'r1', label: 'employee' },
    { id: 'r2', label: 'manager' },
  ];
  readonly editable = signal(true);
  readonly removeLabel = (label: string) => `Remove role ${label}`;
  readonly added: string[] = [];
  readonly removed: string[] = [];
}

describe('AssignmentList', () => {
  function render() {
    const f = TestBed.createComponent(Host);
    f.detectChanges();
    return { f, el: f.nativeElement as HTMLElement, host: f.componentInstance };
  }

  it('lists what is assigned, each with a Remove button named after it', () => {
    const { f, el, host } = render();
    expect(el.querySelector('ul[aria-label=Roles]')?.textContent).toContain('employee');
    const remove = el.querySelector('button[aria-label="Remove role employee"]') as HTMLButtonElement;
    remove.click();
    f.detectChanges();
    expect(host.removed).toEqual(['r1']);
  });

  it('offers only what is not assigned yet, and empties the picker after a choice', () => {
    const { f, host } = render();
    const select = f.debugElement.query(By.directive(MatSelect)).componentInstance as MatSelect;
    select.open();
    f.detectChanges();
    expect(select.options.map((o) => o.viewValue)).toEqual(['manager']);
    select.options.first.select();
    f.detectChanges();
    expect(host.added).toEqual(['r2']);
    expect(select.value).toBeNull();
  });

  it('shows the empty text, and neither buttons nor picker when not editable', () => {
    const { f, el, host } = render();
    host.assigned.set([]);
    host.editable.set(false);
    f.detectChanges();
    expect(el.querySelector('li.ts-empty')?.textContent).toContain('No roles.');
    expect(el.querySelector('button')).toBeNull();
    expect(el.querySelector('mat-select')).toBeNull();
  });
});
