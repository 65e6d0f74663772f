import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlRunner } from '@timesheets/server-core';
import { IMPORT_REQUESTS, type ImportRequestRow } from './import-request.table';

const T = IMPORT_REQUESTS;

/** Imports done with an Idempotency-Key, kept for a retention period (`created_at` is indexed). */
@Injectable()
export class ImportRequestsRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new SqlRunner(db);
  }

  /** The import kept for this client and key, unless made before `keptSince` (an ISO instant): then it has expired. */
  async find(clientId: string, key: string, keptSince: string, m?: EntityManager): Promise<ImportRequestRow | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `SELECT ${T.selectList('r')} FROM ${T.name} r WHERE r.${T.col('clientId')} = ? AND r.${T.col('idempotencyKey')} = ?` +
        ` AND r.${T.col('createdAt')} >= ?`,
      [clientId, key, keptSince],
      m,
    );
    return rows.length > 0 ? T.fromObject(rows[0]) : null;
  }

  /** Deletes the imports kept from before `keptSince` (every client's); how many. */
  async purgeBefore(keptSince: string, m?: EntityManager): Promise<number> {
    return this.sql.run(`DELETE FROM ${T.name} WHERE ${T.col('createdAt')} < ?`, [keptSince], m);
  }

  /** In the import's transaction: a second import with the same key fails on the primary key and rolls back. */
  async insert(row: ImportRequestRow, m: EntityManager): Promise<void> {
    await this.sql.run(T.insertSql(), T.insertParams(row), m);
  }
}
