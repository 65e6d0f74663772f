/**
 * The period lock: nothing dated on or before `lockedThrough` can be created, edited, deleted, submitted or decided
 * (409). Admins with manage:period-lock move it; every move is audited (`period_lock.set`).
 */
export interface PeriodLockDto {
  /** `YYYY-MM-DD`, or null when nothing is locked. */
  lockedThrough: string | null;
  /** When and by whom it was last moved (null before the first move). */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** `PUT /admin/period-lock`; null lifts the lock. */
export interface SetPeriodLockRequest {
  lockedThrough: string | null;
}
