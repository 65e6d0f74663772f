import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/** Knows when the process is shutting down, so readiness can fail while in-flight requests finish. */
@Injectable()
export class Lifecycle implements BeforeApplicationShutdown {
  shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
