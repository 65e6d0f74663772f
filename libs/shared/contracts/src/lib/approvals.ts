import type { GroupRef, ProjectRef } from './projects';
import type { TimesheetEntry, TimesheetStatus } from './timesheets';

/**
 * Approval lines: a person's approvers are the managers of every group the person belongs to, directly or through
 * nesting, never the person themselves. A manager (with approve:timesheets) sees and decides only the entries of the
 * people they approve for; anyone else's entries do not exist for them (404).
 */

/** A person as approvals show them: `userId` is the authorization service's id, `ownerId` the token subject. */
export interface PersonRef {
  userId: string;
  /** The `ownerId` of their entries (the token subject they sign in with). */
  ownerId: string;
  name: string | null;
  email: string | null;
}

/** The statuses a manager's queue shows (drafts are not submitted, so never shown to approvers). */
export const QUEUE_STATUSES = ['pending', 'approved', 'rejected'] as const satisfies readonly TimesheetStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/**
 * `GET /approvals?status&person&group&project&from&to&limit&cursor`: person-weeks of the caller's people with entries
 * in `status` (default `pending`); pending oldest week first, approved and rejected newest week first, then by person.
 * `person` is a userId, `group` a group id (its members through nesting too), `project` a project id, `from`/`to` ISO
 * weeks (inclusive). Totals count the entries that match the filters.
 */
export interface ListApprovalQueueQuery {
  status?: QueueStatus;
  person?: string;
  group?: string;
  project?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ApprovalQueueItem {
  person: PersonRef;
  week: string;
  status: QueueStatus;
  /** Hours of the matching entries, and per day (Monday first). */
  hours: number;
  days: number[];
  entries: number;
}

/** `GET /approvals/people/:userId/weeks/:week`: one person-week for its approver (every status but draft). */
export interface ApprovalWeekDto {
  person: PersonRef;
  week: string;
  days: string[];
  entries: TimesheetEntry[];
  totals: { days: number[]; week: number };
}

export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface PersonWeekRef {
  userId: string;
  week: string;
}

/**
 * `POST /approvals/decisions`: approve or reject the pending entries of many person-weeks at once, all or nothing
 * (a rejection needs a reason). Each item must be one of the caller's people (else 404) with pending entries in that
 * week (else 409), outside the period lock (else 409); then every one of those entries is decided, in one transaction.
 * Concurrent requests decide each entry once: a request that finds an entry decided meanwhile changes nothing (409).
 */
export interface BulkDecisionRequest {
  decision: Decision;
  reason?: string;
  items: PersonWeekRef[];
}

export interface BulkDecisionResponse {
  decision: Decision;
  /** When it was decided (ISO-8601 UTC): names this decision for an undo. */
  decidedAt: string;
  /** Every item, with the entries it decided. */
  items: (PersonWeekRef & { entries: number; hours: number })[];
  /** How many entries were decided in all. */
  entries: number;
}

/**
 * `GET /approvals/options`: what an approver's queue can be filtered by: the people they approve for, the groups they
 * manage and every group below them, and the projects (by code, archived ones too: their entries may still wait).
 */
export interface ApprovalOptionsDto {
  people: PersonRef[];
  groups: GroupRef[];
  projects: ProjectRef[];
}

/**
 * `POST /approvals/decisions/undo`: takes back a decision its maker made moments ago (within
 * `TimesheetLimits.undoSeconds`), all or nothing: each person-week's entries go back to pending, provided nothing else
 * happened to them since: exactly `entries` of them still carry that decision (same status, decided by the caller at
 * `decidedAt`, unchanged since). Else 409 and nothing changes. Someone the caller does not approve for: 404.
 */
export interface UndoDecisionRequest {
  decision: Decision;
  decidedAt: string;
  items: (PersonWeekRef & { entries: number })[];
}

export interface UndoDecisionResponse {
  /** Every item, with the entries that are pending again. */
  items: (PersonWeekRef & { entries: number })[];
  entries: number;
}
