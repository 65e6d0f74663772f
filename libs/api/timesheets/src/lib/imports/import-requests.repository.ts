import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlRunner } from '@timesheets/server-core';
import { IMPORT_REQUESTS, type ImportRequestRow } from './import-request.table';

const T = IMPORT_REQUESTS;

/** Imports done with an Idempotency-Key. */
@Injectable()
export class ImportRequestsRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new SqlRunner(db);
  }

  async find(clientId: string, key: string, m?: EntityManager): Promise<ImportRequestRow | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `SELECT ${T.selectList('r')} FROM ${T.name} r WHERE r.${T.col('clientId')} = ? AND r.${T.col('idempotencyKey')} = ?`,
      [clientId, key],
      m,
    );
    return rows.length > 0 ? T.fromObject(rows[0]) : null;
  }

  /** In the import's transaction: a second import with the same key fails on the primary key and rolls back. */
  async insert(row: ImportRequestRow, m: EntityManager): Promise<void> {
    await this.sql.run(T.insertSql(), T.insertParams(row), m);
  }
}
