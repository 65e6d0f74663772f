import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TimesheetEntry } from '@timesheets/contracts';
import { EntryActions, EntryTable } from './entry-table';
import { formatDay, formatHours, formatWeek, ownerLabel, parseHours, projectLabel } from './format';

const entry = (over: Partial<TimesheetEntry> = {}): TimesheetEntry => ({
  id: 'e1',
  ownerId: 'c0ffee00-aaaa-bbbb',
  ownerName: null,
  date: '2026-11-23',
  project: { id: 'p1', code: 'APOLLO', name: 'Apollo' },
  hours: 7.5,
  notes: 'kick-off',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});

@Component({
  imports: [EntryTable, EntryActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ts-entry-table
      label="Entries"
      [entries]="entries()"
      [showOwner]="owner()"
      [hasMore]="more()"
      [loading]="loading()"
      (more)="asked = asked + 1"
    >
      @if (withActions()) {
        <ng-template tsEntryActions let-e
          ><button type="button">Edit {{ e.project.code }}</button></ng-template
        >
      }
    </ts-entry-table>
  `,
})
class Host {
  readonly entries = signal<TimesheetEntry[]>([entry()]);
  readonly owner = signal(false);
  readonly more = signal(false);
  readonly loading = signal(false);
  readonly withActions = signal(true);
  asked = 0;
}

describe('EntryTable', () => {
  function create() {
    const f = TestBed.createComponent(Host);
    f.detectChanges();
    return { f, el: f.nativeElement as HTMLElement };
  }
  const headers = (el: HTMLElement) => [...el.querySelectorAll('th')].map((t) => t.textContent?.trim());

  it('lists entries with the projected row actions', () => {
    const { f, el } = create();
    expect(el.querySelector('table')?.getAttribute('aria-label')).toBe('Entries');
    expect(headers(el)).toEqual(['Date', 'Project', 'Hours', 'Status', 'Notes', 'Actions']);
    const cells = [...el.querySelectorAll('tr[data-entry-id=e1] td')].map((t) => t.textContent?.trim());
    expect(cells).toEqual(['23/11/2026', 'APOLLO · Apollo', '7.5', 'Pending', 'kick-off', 'Edit APOLLO']);
    f.componentInstance.owner.set(true);
    f.componentInstance.withActions.set(false);
    f.detectChanges();
    expect(headers(el)).toEqual(['Employee', 'Date', 'Project', 'Hours', 'Status', 'Notes']);
    expect(el.querySelector('tr[data-entry-id=e1] td')?.textContent).toContain('User c0ffee00');
  });

  it('shows the rejection reason of a rejected entry only', () => {
    const { f, el } = create();
    f.componentInstance.entries.set([
      entry({ id: 'r', status: 'rejected', rejectionReason: 'Wrong project' }),
      entry({ id: 'p', status: 'pending', rejectionReason: 'stale' }),
    ]);
    f.detectChanges();
    expect(el.querySelector('tr[data-entry-id=r]')?.textContent).toContain('Rejected: Wrong project');
    expect(el.querySelector('tr[data-entry-id=p]')?.textContent).not.toContain('stale');
  });

  it('offers the next page while there is one', () => {
    const { f, el } = create();
    expect(el.textContent).not.toContain('Load more');
    f.componentInstance.more.set(true);
    f.detectChanges();
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Load more'));
    button?.click();
    expect(f.componentInstance.asked).toBe(1);
    f.componentInstance.loading.set(true);
    f.detectChanges();
    const busy = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Loading'));
    expect(busy?.disabled).toBe(true);
  });
});

describe('format', () => {
  it('writes hours as typed, with at most two decimals', () => {
    expect(formatHours(0)).toBe('0');
    expect(formatHours(7.5)).toBe('7.5');
    expect(formatHours(1.255)).toBe('1.26');
    expect(formatHours(1234)).toBe('1234');
  });
  it('reads hours as people type them', () => {
    expect(parseHours('')).toBe(0);
    expect(parseHours(' 7.5 ')).toBe(7.5);
    expect(parseHours('7,5')).toBe(7.5);
    expect(parseHours('7:30')).toBe(7.5);
    expect(parseHours('0:20')).toBe(0.33);
    for (const bad of ['7.', 'abc', '-1', '7:75', '1e3', '7.5h']) expect(parseHours(bad)).toBeNaN();
  });
  it('writes days and weeks in words', () => {
    expect(formatDay('2026-11-30')).toBe('Mon 30 Nov');
    expect(formatWeek('2026-W49')).toBe('2026-W49 (30 Nov – 6 Dec)');
    expect(projectLabel({ code: 'WEB-2', name: 'Website' })).toBe('WEB-2 · Website');
  });
  it('names an owner, or a short form of the subject', () => {
    expect(ownerLabel({ ownerName: 'Alice', ownerId: 'x' })).toBe('Alice');
    expect(ownerLabel({ ownerName: null, ownerId: '0123456789' })).toBe('User 01234567');
  });
});

describe('StatusChip', () => {
  it('names every status in words', async () => {
    const { StatusChip } = await import('./status-chip');
    for (const [status, word] of [
      ['draft', 'Draft'],
      ['pending', 'Pending'],
      ['approved', 'Approved'],
      ['rejected', 'Rejected'],
    ] as const) {
      const f = TestBed.createComponent(StatusChip);
      f.componentRef.setInput('status', status);
      f.detectChanges();
      const chip = (f.nativeElement as HTMLElement).querySelector('.ts-chip');
      expect(chip?.textContent?.trim()).toBe(word);
      expect(chip?.classList).toContain(`ts-chip-${status}`);
    }
  });
});
