import { HttpException, HttpStatus } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ReportMessages as M } from '@timesheets/contracts';

/**
 * How many exports stream at once on this instance. Each holds a database connection (a pooled PostgreSQL client, or
 * an SQLite read connection) and a core for as long as the download lasts, so that a few large exports cannot take
 * the pool from every other request. One more is refused (429) rather than queued: the client retries.
 */
export class ExportSlots {
  private busy = 0;

  constructor(private readonly max: number) {}

  get inUse(): number {
    return this.busy;
  }

  /** Takes a slot (429 when none is free); `release` gives it back once, however often it is called. */
  take(): () => void {
    if (this.busy >= this.max) throw new HttpException(M.tooManyExports, HttpStatus.TOO_MANY_REQUESTS);
    this.busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
    };
  }

  /** Gives the slot back when the body has ended, failed or been abandoned by the client. */
  static releaseWith(body: Readable, release: () => void): Readable {
    body.once('close', release);
    return body;
  }
}
