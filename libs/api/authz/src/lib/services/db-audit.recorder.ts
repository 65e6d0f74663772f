import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditRecorder, principalLabel, type AuditEvent, type Principal } from '@timesheets/api-core';
import { SqlRunner } from '@timesheets/server-core';

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

const INSERT =
  'INSERT INTO audit_log (id, at, actor_id, actor_name, action, target_type, target_id, before, after) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Writes audit rows in the caller's transaction (its EntityManager), so that an entry commits or rolls back with its
 * change. One prepared INSERT (on SQLite): every audited change, each booking among them, writes one.
 */
@Injectable()
export class DbAuditRecorder extends AuditRecorder {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    super();
    this.sql = new SqlRunner(db);
  }

  async record(actor: Principal | null, event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.sql.run(
      INSERT,
      [
        randomUUID(),
        new Date().toISOString(),
        actor?.subject ?? null,
        actor ? principalLabel(actor) : null,
        event.action,
        event.targetType,
        event.targetId,
        json(event.before),
        json(event.after),
      ],
      manager,
    );
  }
}
