import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApi, loadApiConfig, type ApiConfig } from '@timesheets/api-app';

export interface TestApi {
  app: NestFastifyApplication;
  config: ApiConfig;
  /** Base URL, e.g. http://127.0.0.1:40123/api */
  url: string;
  db: DataSource;
  /**
   * The event log's lines so far (access and security events, as JSON objects), kept in memory rather than written
   * to stdout; `clearEvents()` empties it.
   */
  events(): Record<string, unknown>[];
  clearEvents(): void;
  close(): Promise<void>;
}

/** Starts the real API on 127.0.0.1 (random port) with the given environment. */
export async function startTestApi(env: Record<string, string>): Promise<TestApi> {
  const config = loadApiConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env });
  const lines: string[] = [];
  const app = await createApi(config, { logger: false, eventLog: { write: (line: string) => void lines.push(line) } });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}/api`,
    db: app.get(DataSource),
    events: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clearEvents: () => void lines.splice(0),
    close: () => app.close(),
  };
}

/** Every row of every application table, in a stable order: equal snapshots mean nothing changed. */
export async function snapshotDatabase(db: DataSource): Promise<string> {
  const tables = db.entityMetadatas.map((m) => m.tableName).sort();
  // one query per table, all at once (PostgreSQL answers them on several pooled connections)
  const contents = await Promise.all(
    tables.map(async (t) => {
      const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM ${db.driver.escape(t)}`);
      return rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    }),
  );
  return JSON.stringify(Object.fromEntries(tables.map((t, i) => [t, contents[i]])));
}
