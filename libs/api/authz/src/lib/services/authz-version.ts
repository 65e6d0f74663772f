import type { EntityManager } from 'typeorm';

/**
 * The authorization data's version: one row in `authz_state`, bumped by every change that can alter someone's
 * access, in that change's transaction. API instances compare it to decide when their caches are stale.
 */
export async function readAuthzVersion(m: EntityManager): Promise<number> {
  const rows: { version: number | string }[] = await m.query('SELECT version FROM authz_state WHERE id = 1');
  if (rows.length !== 1) throw new Error('authz_state has no version row; have the migrations run?');
  return Number(rows[0].version);
}

export async function bumpAuthzVersion(m: EntityManager): Promise<void> {
  await m.query('UPDATE authz_state SET version = version + 1 WHERE id = 1');
}
