import { symbols } from 'pino';
import { createEventLog } from './event-log';

describe('createEventLog', () => {
  it("writes one JSON line per event: an ISO 8601 UTC time, then the event's own fields, nothing else", () => {
    const lines: string[] = [];
    const log = createEventLog({ write: (line: string) => void lines.push(line) });
    log.info({ type: 'access', requestId: 'r1', status: 200, subject: null });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    const event = JSON.parse(lines[0]);
    expect(Object.keys(event)).toEqual(['time', 'type', 'requestId', 'status', 'subject']);
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('goes to stdout asynchronously by default (SonicBoom, batched, flushed every second)', () => {
    type Boom = { sync: boolean; fd: number; minLength: number; _periodicFlush: number; destroy(): void };
    const stream = (createEventLog() as unknown as Record<symbol, Boom>)[symbols.streamSym];
    expect(stream).toMatchObject({ sync: false, fd: 1, minLength: 4096, _periodicFlush: 1000 });
  });
});
