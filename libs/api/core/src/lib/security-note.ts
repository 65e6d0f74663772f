/**
 * What the security log says about a refused request beyond its route and status: a stable reason a SIEM can match
 * on, and the permissions concerned. Never secrets (no tokens, no keys, no request bodies).
 */
export interface SecurityNote {
  /** Machine-readable, e.g. `privilege_escalation`. */
  reason: string;
  /** The permissions the refusal is about (for an escalation: those the actor lacks). */
  permissions?: readonly string[];
}

/** An error that tells the security log why it refused (see ApiExceptionFilter). */
export interface NotedRefusal {
  readonly securityNote: SecurityNote;
}

export function securityNoteOf(error: unknown): SecurityNote | undefined {
  const note = (error as Partial<NotedRefusal> | null)?.securityNote;
  return note && typeof note.reason === 'string' ? note : undefined;
}

// Keyed by the request object the framework hands to both the exception filter and the response hook; a WeakMap
// leaves the request's shape alone and forgets the note with the request.
const notes = new WeakMap<object, SecurityNote>();

/** Attaches a note to a request, for the security log line written when its response is sent. */
export function noteSecurity(request: object, note: SecurityNote): void {
  notes.set(request, note);
}

export function securityNoteFor(request: object): SecurityNote | undefined {
  return notes.get(request);
}
