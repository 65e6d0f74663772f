import type { EntityManager } from 'typeorm';
import type { Principal } from './principal';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Where changes are recorded. Given the transaction's EntityManager, so that an audit entry and the change it
 * describes commit or roll back together. The authorization module provides the database-backed implementation.
 */
export abstract class AuditRecorder {
  abstract record(actor: Principal | null, event: AuditEvent, manager?: EntityManager): Promise<void>;
}

/** Records nothing: for deployments and tests without the authorization module. */
export class NoopAuditRecorder extends AuditRecorder {
  async record(): Promise<void> {
    // intentionally empty
  }
}
