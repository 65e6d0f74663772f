import type { Principal } from '@timesheets/api-core';
import { createEventLog } from './event-log';
import { SecurityLog } from './security-log';

/** A SecurityLog on the real event log (pino), writing into `lines`. */
function securityLog(lines: string[]): SecurityLog {
  return new SecurityLog(createEventLog({ write: (line: string) => void lines.push(line) }));
}

const principal = (subject: string): Principal => ({
  kind: 'user',
  issuer: 'https://issuer.test',
  subject,
  clientId: null,
  email: null,
  name: null,
  tokenScopes: new Set(),
  scopes: new Set(),
  expiresAt: 0,
});

describe('SecurityLog', () => {
  it('writes one JSON line per event, so CR/LF cannot forge a line', () => {
    const lines: string[] = [];
    const log = securityLog(lines);
    log.write({
      requestId: 'r1',
      ip: '127.0.0.1',
      principal: principal('evil\r\n{"type":"security","outcome":"success"}'),
      action: 'POST /api/timesheets/:id/approve',
      target: 'id=1',
      status: 403,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(lines[0].slice(0, -1)).not.toMatch(/[\r\n]/);
    const event = JSON.parse(lines[0]);
    expect(event).toMatchObject({ type: 'security', outcome: 'denied', status: 403, issuer: 'https://issuer.test' });
    expect(event.time).toMatch(/Z$/);
  });

  it('says why a request was refused when the refusing code noted it, with bounded fields', () => {
    const lines: string[] = [];
    const log = securityLog(lines);
    const base = { requestId: 'r2', ip: '127.0.0.1', principal: principal('mallory'), target: null, status: 403 };
    log.write({ ...base, action: 'GET /api/timesheets' });
    log.write({
      ...base,
      action: 'PUT /api/admin/users/:id/roles/:roleId',
      note: { reason: 'privilege_escalation', permissions: ['update:roles', 'x'.repeat(500)] },
    });
    const [plain, noted] = lines.map((l) => JSON.parse(l));
    expect(plain).not.toHaveProperty('reason');
    expect(plain).not.toHaveProperty('permissions');
    expect(noted).toMatchObject({ outcome: 'denied', reason: 'privilege_escalation' });
    expect(noted.permissions[0]).toBe('update:roles');
    expect(noted.permissions[1].length).toBeLessThanOrEqual(201);
  });
});
