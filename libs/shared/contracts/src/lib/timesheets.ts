export const TimesheetStatus = {
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
} as const;

export type TimesheetStatus = (typeof TimesheetStatus)[keyof typeof TimesheetStatus];

export const TIMESHEET_STATUSES: readonly TimesheetStatus[] = Object.values(TimesheetStatus);

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
} as const;

export interface TimesheetEntry {
  id: string;
  /** Token subject of the owner. */
  ownerId: string;
  /** Display name of the owner, when known. */
  ownerName: string | null;
  date: string;
  project: string;
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

export interface CreateTimesheetRequest {
  date: string;
  project: string;
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

export interface ListApprovalsQuery {
  status?: TimesheetStatus;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Error body of every API error: no stack, no SQL, no library messages. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string | string[];
}

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
}
