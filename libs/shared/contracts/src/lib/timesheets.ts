import type { ProjectRef } from './projects';

export const TimesheetStatus = {
  /** Saved, not submitted: only its owner sees it. */
  Draft: 'draft',
  /** Submitted (its week), waiting for one of the owner's approvers. */
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
} as const;

export type TimesheetStatus = (typeof TimesheetStatus)[keyof typeof TimesheetStatus];

export const TIMESHEET_STATUSES: readonly TimesheetStatus[] = Object.values(TimesheetStatus);

/**
 * What each status allows. The owner edits and deletes drafts and rejected entries (editing a rejected entry makes it
 * a draft again, without its reason); submitting a week makes its drafts pending; an approver decides pending entries
 * (approved or rejected with a reason); approved entries are locked. Anything else is a 409. On top of this, nothing
 * dated on or before the period lock changes.
 */
export const ENTRY_TRANSITIONS: Readonly<
  Record<TimesheetStatus, { edit: boolean; delete: boolean; submit: boolean; decide: boolean }>
> = {
  draft: { edit: true, delete: true, submit: true, decide: false },
  pending: { edit: false, delete: false, submit: false, decide: true },
  approved: { edit: false, delete: false, submit: false, decide: false },
  rejected: { edit: true, delete: true, submit: false, decide: false },
};

/** Validation limits shared by the API and the SPA's forms, so their messages agree. */
export const TimesheetLimits = {
  hoursMin: 0, // exclusive
  hoursMax: 24, // inclusive
  hoursDecimals: 2,
  projectMin: 1,
  projectMax: 100,
  notesMax: 1000,
  reasonMin: 1,
  reasonMax: 500,
  pageMin: 1,
  pageMax: 100,
  pageDefault: 20,
  /** All of one person's entries of one day together. */
  dailyHoursMax: 24,
  /** Rows of one `PUT /weeks/:week/entries`. */
  weekEntriesMax: 200,
  /** Person-weeks of one bulk decision. */
  bulkItemsMax: 100,
  /** How long after a decision its maker may still take it back (`POST /approvals/decisions/undo`), in seconds. */
  undoSeconds: 120,
  /** Project codes: letters, digits, `-` and `_`, stored upper case, unique case-insensitively. */
  projectCodeMin: 2,
  projectCodeMax: 20,
  projectNameMin: 1,
  projectNameMax: 100,
  customerNameMin: 1,
  customerNameMax: 100,
  /** Groups a project may be limited to. */
  projectGroupsMax: 50,
} as const;

export const PROJECT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]*$/;

/** One timesheet entry: hours one person worked on one project on one day. */
export interface TimesheetEntry {
  id: string;
  /** Token subject of the owner. */
  ownerId: string;
  /** Display name of the owner, when known. */
  ownerName: string | null;
  date: string;
  project: ProjectRef;
  hours: number;
  notes: string | null;
  status: TimesheetStatus;
  /** Subject of the approver or rejecter. */
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Creates a draft. `projectId`: a project the caller may book on (GET /projects). */
export interface CreateTimesheetRequest {
  date: string;
  projectId: string;
  hours: number;
  notes?: string | null;
}

export type UpdateTimesheetRequest = Partial<CreateTimesheetRequest>;

export interface RejectTimesheetRequest {
  reason: string;
}

export interface ListTimesheetsQuery {
  from?: string;
  to?: string;
  status?: TimesheetStatus;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One invalid field of a request, for the SPA to show next to it: `field` is its path in the body (`hours`,
 * `entries[3].hours` for the fourth row of a week), `message` a full sentence.
 */
export interface FieldError {
  field: string;
  message: string;
}

/** Error body of every API error: no stack, no SQL, no library messages. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string | string[];
  /** On a 400 for invalid fields: each field and what is wrong with it (the same sentences as `message`). */
  errors?: FieldError[];
}

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}
