import { destination, pino, type DestinationStream, type Logger } from 'pino';

/** Where the event log writes: pino's asynchronous stdout by default; tests pass a stream of their own. */
export type EventLogDestination = DestinationStream;

/**
 * The API's JSON lines (access log and security log) through pino, Fastify's own logger. Each line is
 * `{"time":"<ISO 8601 UTC>", ...the event's fields}`: no level, pid or hostname, so the fields are the event's alone.
 * By default the lines go to stdout through pino's SonicBoom without blocking the event loop (a write in progress
 * collects the next lines; pino flushes what is left when the process exits).
 */
export function createEventLog(to: EventLogDestination = destination({ dest: 1, sync: false })): Logger {
  return pino(
    {
      base: undefined,
      // No level field: pino then opens each line with a bare "{", so the time is the first member and has no leading
      // comma (pino's own isoTime has one, for after the level). event-log.spec.ts parses the lines.
      formatters: { level: () => ({}) },
      timestamp: () => `"time":"${new Date().toISOString()}"`,
    },
    to,
  );
}
