import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  ApprovalOptionsDto,
  ApprovalQueueItem,
  ApprovalWeekDto,
  Decision,
  QUEUE_STATUSES,
  TimesheetLimits,
  isIsoWeek,
} from '@timesheets/contracts';
import { ApprovalsApi, apiAction, apiLoader, apiPager } from '@timesheets/web-data-access';
import {
  EntryTable,
  LoadMore,
  PageState,
  StatusChip,
  formatDay,
  formatHours,
  formatNumber,
  formatWeek,
  personLabel,
  projectLabel,
} from '@timesheets/web-ui';
import { QueueFilters, filtersFromUrl, filtersToUrl, sameFilters } from './approval-filters';
import { RejectDialog, RejectDialogData } from './reject-dialog';
import { TeamWeeks } from './team-weeks';

const itemKey = (i: { person: { userId: string }; week: string }) => `${i.person.userId}|${i.week}`;

/** How long a decided row offers Undo (the API allows longer, TimesheetLimits.undoSeconds, for slow networks). */
export const UNDO_VISIBLE_MS = 10_000;

/** A person-week decided on this page: what Undo sends back, and whether it still offers it. */
export interface RecentDecision {
  decision: Decision;
  decidedAt: string;
  entries: number;
  undoable: boolean;
}

/**
 * The approver's queue: person-weeks of the people they approve for (never their own), filtered by status, person,
 * group, project and week range (kept in the URL), keyset-paged. A person-week expands to its entries; one or many
 * are approved or rejected (with a reason) at once, all or nothing.
 */
@Component({
  selector: 'ts-approvals-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
    StatusChip,
    EntryTable,
    LoadMore,
    TeamWeeks,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './approvals-page.html',
  styleUrl: './approvals-page.css',
})
export class ApprovalsPage {
  private readonly api = inject(ApprovalsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);

  protected readonly statuses = QUEUE_STATUSES;
  protected readonly hours = formatHours;
  protected readonly day = formatDay;
  protected readonly weekLabel = formatWeek;
  protected readonly person = personLabel;
  protected readonly project = projectLabel;
  protected readonly key = itemKey;

  private readonly url = toSignal(this.route.queryParamMap, { initialValue: this.route.snapshot.queryParamMap });
  /** The applied filters (the URL's); a new object only when they change. */
  readonly filters = computed(() => filtersFromUrl(this.url()), { equal: sameFilters });
  readonly queue = apiPager({
    params: () => this.filters(),
    load: (f, cursor) => this.api.queue({ ...f, limit: TimesheetLimits.pageDefault, cursor }),
  });

  // The filter form's fields, filled from the URL's filters; "Apply" writes them to the URL.
  readonly form = signal<QueueFilters>(this.filters());
  readonly formError = signal<string | null>(null);
  /** The people, groups and projects the queue can be filtered by. */
  readonly options = apiLoader({
    load: () => this.api.options(),
    initial: { people: [], groups: [], projects: [] } as ApprovalOptionsDto,
  });

  /** Person-weeks ticked for a bulk decision (pending ones only). */
  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly pending = computed(() => this.queue.items().filter((i) => i.status === 'pending'));
  readonly allSelected = computed(
    () => this.pending().length > 0 && this.pending().every((i) => this.selected().has(itemKey(i))),
  );
  readonly selection = computed(() => this.pending().filter((i) => this.selected().has(itemKey(i))));

  /** The person-week shown with its entries. */
  readonly expanded = signal<ApprovalQueueItem | null>(null);
  readonly detail = apiLoader({
    params: () => {
      const e = this.expanded();
      return e ? { userId: e.person.userId, week: e.week } : undefined;
    },
    load: ({ userId, week }) => this.api.personWeek(userId, week),
    initial: null as ApprovalWeekDto | null,
    resetOnChange: true,
  });

  readonly decision = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  readonly undoing = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  /** Person-weeks decided on this page: they stay in the list, greyed, with their new status (and Undo for a while). */
  readonly recent = signal<ReadonlyMap<string, RecentDecision>>(new Map());
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    // Back and forward in the browser change the URL's filters: the form follows.
    effect(() => {
      const f = this.filters();
      untracked(() => {
        this.form.set(f);
        this.recent.set(new Map());
      });
    });
    inject(DestroyRef).onDestroy(() => this.timers.forEach(clearTimeout));
  }

  recentOf(i: ApprovalQueueItem): RecentDecision | undefined {
    return this.recent().get(itemKey(i));
  }

  /** Takes one person-week's part of a decision back: pending again, as if it had not been decided. */
  undo(i: ApprovalQueueItem): void {
    const r = this.recentOf(i);
    if (!r?.undoable) return;
    const key = itemKey(i);
    const body = {
      decision: r.decision,
      decidedAt: r.decidedAt,
      items: [{ userId: i.person.userId, week: i.week, entries: r.entries }],
    };
    this.undoing.run(
      this.api.undo(body),
      () => {
        this.queue.update((list) => list.map((x) => (itemKey(x) === key ? { ...x, status: 'pending' } : x)));
        this.forget(key);
        this.reloadDetailOf(new Set([key]));
        const who = personLabel(i.person);
        const week = formatWeek(i.week);
        this.snack.open($localize`Undone: ${who}:person:, ${week}:week: is waiting for approval again`, undefined, {
          duration: 4000,
        });
      },
      // Something else happened to the week meanwhile (the API says what): it stays decided, without Undo.
      () => this.setUndoable(key, false),
    );
  }

  /** The expanded person-week's entries show their statuses: read them again when a decision changed them. */
  private reloadDetailOf(keys: ReadonlySet<string>): void {
    const e = this.expanded();
    if (e && keys.has(itemKey(e))) this.detail.reload();
  }

  private forget(key: string): void {
    this.recent.update((m) => {
      const next = new Map(m);
      next.delete(key);
      return next;
    });
  }

  private setUndoable(key: string, undoable: boolean): void {
    this.recent.update((m) => {
      const r = m.get(key);
      if (!r) return m;
      return new Map(m).set(key, { ...r, undoable });
    });
  }

  setForm<K extends keyof QueueFilters>(k: K, v: QueueFilters[K]): void {
    this.form.update((f) => ({ ...f, [k]: v }));
  }

  applyFilters(): void {
    const f = this.form();
    for (const w of [f.from, f.to])
      if (w && !isIsoWeek(w)) return this.formError.set($localize`Weeks are written 2026-W49 (year, W, week number).`);
    if (f.from && f.to && f.from > f.to)
      return this.formError.set($localize`The first week must not be after the last.`);
    this.formError.set(null);
    this.selected.set(new Set());
    this.expanded.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToUrl(f) });
  }

  clearFilters(): void {
    this.form.set({ status: 'pending' });
    this.applyFilters();
  }

  toggle(i: ApprovalQueueItem, on: boolean): void {
    this.selected.update((s) => {
      const next = new Set(s);
      if (on) next.add(itemKey(i));
      else next.delete(itemKey(i));
      return next;
    });
  }

  toggleAll(on: boolean): void {
    this.selected.set(new Set(on ? this.pending().map(itemKey) : []));
  }

  expand(i: ApprovalQueueItem): void {
    this.expanded.update((cur) => (cur && itemKey(cur) === itemKey(i) ? null : i));
  }

  isExpanded(i: ApprovalQueueItem): boolean {
    const e = this.expanded();
    return e !== null && itemKey(e) === itemKey(i);
  }

  approve(items: readonly ApprovalQueueItem[]): void {
    this.decide('approve', items);
  }

  reject(items: readonly ApprovalQueueItem[]): void {
    if (!items.length) return;
    const data: RejectDialogData = { weeks: items.map((i) => `${personLabel(i.person)}, ${formatWeek(i.week)}`) };
    this.dialog
      .open<RejectDialog, RejectDialogData, string>(RejectDialog, { data, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((reason) => {
        if (reason) this.decide('reject', items, reason);
      });
  }

  private decide(decision: Decision, items: readonly ApprovalQueueItem[], reason?: string): void {
    if (!items.length) return;
    const body = { decision, reason, items: items.map((i) => ({ userId: i.person.userId, week: i.week })) };
    this.decision.run(this.api.decide(body), (res) => {
      const decided = new Set(items.map(itemKey));
      const status = decision === 'approve' ? 'approved' : 'rejected';
      // Decided weeks stay where they are, greyed, with their new status and, for a few seconds, Undo.
      this.queue.update((list) => list.map((i) => (decided.has(itemKey(i)) ? { ...i, status } : i)));
      this.recent.update((m) => {
        const next = new Map(m);
        for (const d of res.items)
          next.set(itemKey({ person: { userId: d.userId }, week: d.week }), {
            decision,
            decidedAt: res.decidedAt,
            entries: d.entries,
            undoable: true,
          });
        return next;
      });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        for (const k of decided) if (this.recent().get(k)?.decidedAt === res.decidedAt) this.setUndoable(k, false);
      }, UNDO_VISIBLE_MS);
      this.timers.add(timer);
      this.selected.update((s) => new Set([...s].filter((k) => !decided.has(k))));
      this.reloadDetailOf(decided);
      this.snack.open(decidedMessage(decision, res.items.length, res.entries), undefined, { duration: 4000 });
    });
  }

  /** A row button's accessible name: what it does and to whose week. */
  protected weekLabelOf(action: 'entries' | 'approve' | 'reject' | 'undo', i: ApprovalQueueItem): string {
    const who = personLabel(i.person);
    switch (action) {
      case 'entries':
        return $localize`Entries of ${who}:person:, ${i.week}:week:`;
      case 'approve':
        return $localize`Approve ${who}:person:, ${i.week}:week:`;
      case 'reject':
        return $localize`Reject ${who}:person:, ${i.week}:week:`;
      case 'undo':
        return $localize`Undo the decision on ${who}:person:, ${i.week}:week:`;
    }
  }
}

/** "Approved 2 weeks (10 entries)", every word in the page's language (counts in its number format). */
export function decidedMessage(decision: 'approve' | 'reject', weekCount: number, entryCount: number): string {
  const weeks = weekCount === 1 ? $localize`1 week` : $localize`${formatNumber(weekCount)}:count: weeks`;
  const entries = entryCount === 1 ? $localize`1 entry` : $localize`${formatNumber(entryCount)}:count: entries`;
  return decision === 'approve'
    ? $localize`Approved ${weeks}:weeks: (${entries}:entries:)`
    : $localize`Rejected ${weeks}:weeks: (${entries}:entries:)`;
}
