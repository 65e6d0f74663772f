import type { DataSource } from 'typeorm';
import { openIdpDataSource } from '@timesheets/idp-data-access';

/** The provider's database, from the same DATABASE_URL the provider reads (default sqlite:data/idp.sqlite). */
export function openDatabase(): Promise<DataSource> {
  return openIdpDataSource(process.env['DATABASE_URL'] ?? 'sqlite:data/idp.sqlite');
}

export async function readPassword(): Promise<string> {
  const fromEnv = process.env['ACCOUNT_PASSWORD'];
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}
