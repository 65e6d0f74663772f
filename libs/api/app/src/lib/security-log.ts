import type { Logger } from 'pino';
import type { Principal, SecurityNote } from '@timesheets/api-core';

export interface SecurityEvent {
  requestId: string;
  ip: string;
  principal: Principal | undefined;
  action: string;
  target: string | null;
  status: number;
  /** Why it was refused, when the refusing code said so (e.g. a privilege escalation and the permissions missing). */
  note?: SecurityNote;
}

const MAX_FIELD = 200;
const MAX_LIST = 50;

/**
 * One JSON object per line on the event log (pino, stdout), for a SIEM: who (issuer, subject; `client` and
 * `clientName` for a machine client), what (action, target),
 * the outcome and when (UTC). JSON escaping keeps CR/LF in any field from forging a line; fields are bounded; tokens
 * are never logged.
 */
export class SecurityLog {
  constructor(private readonly log: Logger) {}

  write(event: SecurityEvent): void {
    const clip = (v: string | null | undefined) =>
      v == null ? null : v.length > MAX_FIELD ? `${v.slice(0, MAX_FIELD)}…` : v;
    const outcome =
      event.status < 400 ? 'success' : event.status === 401 || event.status === 403 ? 'denied' : 'failure';
    this.log.info({
      type: 'security',
      requestId: clip(event.requestId),
      issuer: event.principal ? clip(event.principal.issuer) : null,
      subject: event.principal ? clip(event.principal.subject) : null,
      // A machine client acting for itself (client credentials): its id, and its registered name when known.
      ...(event.principal?.kind === 'client' && {
        client: clip(event.principal.clientId),
        clientName: clip(event.principal.name),
      }),
      action: clip(event.action),
      target: clip(event.target),
      outcome,
      status: event.status,
      ip: clip(event.ip),
      ...(event.note && {
        reason: clip(event.note.reason),
        ...(event.note.permissions && {
          permissions: event.note.permissions.slice(0, MAX_LIST).map((p) => clip(p)),
        }),
      }),
    });
  }
}
