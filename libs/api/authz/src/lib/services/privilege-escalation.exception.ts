import { ForbiddenException } from '@nestjs/common';
import type { NotedRefusal, SecurityNote } from '@timesheets/api-core';

export const ESCALATION_REASON = 'privilege_escalation';

/**
 * 403 for a change that would give someone (the actor included) a permission the actor does not hold. The message
 * names the permissions; the security log line gets them as a note.
 */
export class PrivilegeEscalationException extends ForbiddenException implements NotedRefusal {
  readonly securityNote: SecurityNote;

  constructor(readonly missing: readonly string[]) {
    super(`This change would grant permissions you do not hold: ${missing.join(', ')}`);
    this.securityNote = { reason: ESCALATION_REASON, permissions: missing };
  }
}
