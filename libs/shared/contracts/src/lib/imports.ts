import type { ImportedEntryStatus } from './machine-clients';
import { TimesheetLimits } from './timesheets';

/**
 * Batch upload of timesheet entries by a machine client (scope `import:timesheets`, client-credentials tokens only):
 *
 *   POST /api/imports/timesheets   ImportTimesheetsRequest   ImportTimesheetsResponse (201; a replay: 200)
 *   header Idempotency-Key (optional, 1..255 visible ASCII characters): a retry with the same key and the same body
 *   returns the first answer without importing again; the same key with another body is 409. A key is kept for the
 *   API's IMPORT_IDEMPOTENCY_RETENTION_DAYS (7 by default); after that it starts a new import.
 *
 * Each row is validated with every rule of an entry (the person known and signed in at least once, the project by code
 * open to that person, the daily maximum over what they already booked and the other rows, the period lock, the latest
 * bookable date); all rows are imported or none, and each refusal names its row and field (`entries[3].projectCode`,
 * "Row 4: ..."). Entries become drafts or pending by the client's setting, never approved.
 */
export const IMPORT_TIMESHEETS_PATH = '/imports/timesheets';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export const ImportLimits = {
  /** Rows of one upload. */
  rowsMax: 1000,
  emailMax: 320,
  /** Days an Idempotency-Key is kept by default (IMPORT_IDEMPOTENCY_RETENTION_DAYS), and at most. */
  idempotencyRetentionDaysDefault: 7,
  idempotencyRetentionDaysMax: 365,
} as const;

export const ImportMessages = {
  entries: `entries must be a list of 1 to ${ImportLimits.rowsMax} rows.`,
  email: 'Email must be an email address.',
  projectCode: `Project code must be ${TimesheetLimits.projectCodeMin} to ${TimesheetLimits.projectCodeMax} letters, digits, hyphens or underscores.`,
  unknownPerson: (email: string) => `Nobody with the email ${email} has signed in to Timesheets yet.`,
  blockedPerson: (email: string) => `${email} is blocked.`,
  unknownProject: (code: string) => `There is no project ${code}.`,
  idempotencyKey: 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
  idempotencyConflict: 'This Idempotency-Key was used with another body: use a new key for a new upload.',
} as const;

/** One row: whose, when, on what, how long. */
export interface ImportedEntryInput {
  /** The person's email, as the authorization service knows it (case-insensitive). */
  email: string;
  date: string;
  projectCode: string;
  hours: number;
  notes?: string | null;
}

export interface ImportTimesheetsRequest {
  entries: ImportedEntryInput[];
}

export interface ImportedEntryResult {
  /** Index of the row in the request. */
  row: number;
  id: string;
  email: string;
  date: string;
  projectCode: string;
  hours: number;
}

export interface ImportTimesheetsResponse {
  /** A new id per import (the audit log's target). */
  importId: string;
  status: ImportedEntryStatus;
  imported: number;
  entries: ImportedEntryResult[];
}
