import { TIMESHEET_STATUSES, TimesheetLimits as L, type TimesheetStatus } from './timesheets';
import { DECISIONS, QUEUE_STATUSES } from './approvals';

/**
 * The API's validation messages, written once: the API's DTOs and services raise them and the SPA's forms show them
 * next to their fields, so both say the same thing. Full sentences in sentence case, each naming its field.
 */
export const TimesheetMessages = {
  date: dateFieldMessage('date'),
  hours: `Hours must be more than ${L.hoursMin} and at most ${L.hoursMax}, with at most ${L.hoursDecimals} decimals.`,
  /** The free-text project of the SPA's old entry form (the API takes `projectId` now). */
  project: `Project must be ${L.projectMin} to ${L.projectMax} characters.`,
  projectId: 'Project must be one of the projects you can book on.',
  notes: `Notes must be at most ${L.notesMax} characters.`,
  reason: `Reason must be ${L.reasonMin} to ${L.reasonMax} characters.`,
  limit: `Limit must be a whole number from ${L.pageMin} to ${L.pageMax}.`,
  status: `Status must be one of ${TIMESHEET_STATUSES.join(', ')}.`,
  queueStatus: `Status must be one of ${QUEUE_STATUSES.join(', ')}.`,
  week: 'Week must be an ISO week written YYYY-Www, for example 2026-W50.',
  cursor: 'Cursor must be the nextCursor of the previous page.',
  id: 'Id must be a UUID.',
  fromAfterTo: 'From must not be after to.',
  emptyUpdate: 'Send at least one of date, projectId, hours, notes.',
  weekEntries: `Entries must be a list of at most ${L.weekEntriesMax} rows.`,
  duplicateRow: 'Id appears in more than one row.',
  decision: `Decision must be one of ${DECISIONS.join(', ')}.`,
  rejectionReason: `Reason is required to reject, ${L.reasonMin} to ${L.reasonMax} characters.`,
  bulkItems: `Items must list 1 to ${L.bulkItemsMax} person-weeks.`,
  duplicateItem: 'Items must not list the same person-week twice.',
  decidedAt: 'Decided at must be the decidedAt your decision answered, an ISO-8601 UTC time.',
  undoEntries: `Entries must be the whole number of entries the decision answered for the person-week, 1 or more.`,
  userId: 'User id must be a UUID.',
  projectCode: `Code must be ${L.projectCodeMin} to ${L.projectCodeMax} characters: letters, digits, hyphens or underscores, starting with a letter or digit.`,
  projectName: `Name must be ${L.projectNameMin} to ${L.projectNameMax} characters.`,
  customerName: `Name must be ${L.customerNameMin} to ${L.customerNameMax} characters.`,
  customerId: 'Customer must be an existing customer, or null for internal work.',
  billable: 'Billable must be true or false.',
  archived: 'Archived must be true or false.',
  allowedGroupIds: `Allowed groups must be a list of at most ${L.projectGroupsMax} existing group ids.`,
  lockedThrough: 'Locked through must be a date written YYYY-MM-DD, or null to lift the lock.',
} as const;

/** Messages that carry values; `field` errors name the field they are about. */
export const TimesheetRuleMessages = {
  /** 400 (field `projectId`): the project is archived. */
  projectArchived: (code: string) => `Project ${code} is archived: choose an open project.`,
  /** 400 (field `projectId`): the project is limited to groups the person is not in, or does not exist. */
  projectNotOpen: 'Project is not one you can book on: choose one from your projects.',
  /** 400 (field `date`): later than the last date that may be booked now. */
  dateTooLate: (latest: string) => `Date must be on or before ${latest}, the last day that can be booked now.`,
  /** 400 (field `date`): a week's row dated outside that week. */
  dateOutsideWeek: (week: string, first: string, last: string) =>
    `Date must be a day of week ${week} (${first} to ${last}).`,
  /** 400 (field `hours`): the day's entries would add up to more than the daily maximum. */
  dailyCap: (date: string, total: number) =>
    `Hours on ${date} would add up to ${total}; at most ${L.dailyHoursMax} hours a day.`,
  /** 409: the date is on or before the period lock. */
  locked: (lockedThrough: string) => `Timesheets are locked through ${lockedThrough}: nothing on or before it changes.`,
  /** 409: what the entry's status does not allow. */
  notEditable: (status: TimesheetStatus) => `The entry is ${status}: it cannot be changed or deleted.`,
  notPending: (status: TimesheetStatus) => `The entry is ${status}: only pending entries can be decided.`,
  changedMeanwhile: 'The entry changed meanwhile; reload and try again.',
  /** 400 (field `entries[i].id`): not an entry of the caller's in that week. */
  notInWeek: (week: string) => `Id must be one of your entries of week ${week}; leave it out to create an entry.`,
  nothingToSubmit: (week: string) => `Week ${week} has no drafts to submit.`,
  nothingPending: (week: string) => `Nothing of week ${week} is pending for this person.`,
  notYourPerson: 'Not one of the people you approve for.',
  decidedMeanwhile: 'Some of these entries were decided or submitted meanwhile; reload and try again.',
  ownEntry: 'You cannot approve or reject your own entries.',
  /** 409 on undo: an entry of the decision changed since (edited, resubmitted, decided again) or is gone. */
  changedSinceDecision: 'This decision can no longer be undone: its entries changed since.',
  /** 409 on undo: past `TimesheetLimits.undoSeconds`. */
  undoTooLate: 'This decision can no longer be undone: it is too long ago. Reopen it by other means.',
  codeTaken: (code: string) => `Code ${code} is already used by another project.`,
  customerNameTaken: (name: string) => `A customer named ${name} already exists.`,
  customerArchived: (name: string) => `Customer ${name} is archived: restore it first.`,
} as const;

export function dateFieldMessage(field: string): string {
  return `${field.charAt(0).toUpperCase()}${field.slice(1)} must be a real date written YYYY-MM-DD.`;
}

/**
 * Hours as the API accepts them: a finite number above `hoursMin`, at most `hoursMax`, at most `hoursDecimals` decimals
 * (decided on the value, not on its text: 1e-7 has no '.' but seven decimals).
 */
export function isValidHours(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= L.hoursMin || value > L.hoursMax) return false;
  return Number(value.toFixed(L.hoursDecimals)) === value;
}

/** True when the trimmed text is `min` to `max` characters long. */
export function hasTrimmedLength(value: unknown, min: number, max: number): boolean {
  const n = typeof value === 'string' ? value.trim().length : -1;
  return n >= min && n <= max;
}
