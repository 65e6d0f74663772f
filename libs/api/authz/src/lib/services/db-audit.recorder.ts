import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditRecorder, principalLabel, type AuditEvent, type Principal } from '@timesheets/api-core';
import { AuditEntryEntity } from '../entities';

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Writes audit rows with the caller's EntityManager, so that an entry commits or rolls back with its change. */
@Injectable()
export class DbAuditRecorder extends AuditRecorder {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async record(actor: Principal | null, event: AuditEvent, manager?: EntityManager): Promise<void> {
    const row: AuditEntryEntity = {
      id: randomUUID(),
      at: new Date().toISOString(),
      actorId: actor?.subject ?? null,
      actorName: actor ? principalLabel(actor) : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: json(event.before),
      after: json(event.after),
    };
    await (manager ?? this.db.manager).insert(AuditEntryEntity, row);
  }
}
