import { ParamMap, Params } from '@angular/router';
import { ListApprovalQueueQuery, QUEUE_STATUSES, QueueStatus, isIsoWeek } from '@timesheets/contracts';

/** The queue's filters, as the URL keeps them (`?status=approved&person=…&from=2026-W40`). */
export type QueueFilters = Omit<ListApprovalQueueQuery, 'limit' | 'cursor'> & { status: QueueStatus };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from the URL; anything malformed is left out (a hand-edited URL never reaches the API). */
export function filtersFromUrl(q: ParamMap): QueueFilters {
  const status = q.get('status');
  const id = (k: string) => {
    const v = q.get(k);
    return v && UUID.test(v) ? v : undefined;
  };
  const week = (k: string) => {
    const v = q.get(k);
    return v && isIsoWeek(v) ? v : undefined;
  };
  return {
    status: QUEUE_STATUSES.find((s) => s === status) ?? 'pending',
    person: id('person'),
    group: id('group'),
    project: id('project'),
    from: week('from'),
    to: week('to'),
  };
}

/** The URL's query for the filters: only what is set (pending, the default status, is left out). */
export function filtersToUrl(f: QueueFilters): Params {
  const out: Params = {};
  if (f.status !== 'pending') out['status'] = f.status;
  for (const k of ['person', 'group', 'project', 'from', 'to'] as const) if (f[k]) out[k] = f[k];
  return out;
}

/** Same filters (so re-reading the URL after navigating to it does not reload the queue). */
export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return (['status', 'person', 'group', 'project', 'from', 'to'] as const).every((k) => a[k] === b[k]);
}
