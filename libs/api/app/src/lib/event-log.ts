import { destination, pino, type DestinationStream, type Logger } from 'pino';

/** Where the event log writes: pino's asynchronous stdout by default; tests pass a stream of their own. */
export type EventLogDestination = DestinationStream;

/** stdout through pino's SonicBoom: asynchronous writes of at least 4 KB, and whatever is buffered at least every second. */
export function stdoutEventLog(): EventLogDestination {
  // One write(2) per line would cost a thread-pool hand-off per request (on a one-core server, a context switch or
  // two); batching cuts that to one per ~20 lines, and the periodic flush bounds how late a line appears.
  return destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
}

/**
 * The API's JSON lines (access log and security log) through pino, Fastify's own logger. Each line is
 * `{"time":"<ISO 8601 UTC>", ...the event's fields}`: no level, pid or hostname, so the fields are the event's alone.
 * By default the lines go to stdout without blocking the event loop (stdoutEventLog; pino flushes what is left when
 * the process exits).
 */
export function createEventLog(to: EventLogDestination = stdoutEventLog()): Logger {
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
