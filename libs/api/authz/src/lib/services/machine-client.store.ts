import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import {
  isMachineClientId,
  isMachineScope,
  type ImportedEntryStatus,
  type MachineClientDto,
  type MachineScope,
} from '@timesheets/contracts';
import { ClientSecretEntity, MachineClientEntity } from '../entities';

/** A client as the rules see it: what it may be granted now. */
export interface ClientGrant {
  id: string;
  name: string;
  scopes: MachineScope[];
  importStatus: ImportedEntryStatus;
  revoked: boolean;
}

/** A live client and the hashes of the secrets that work now (the current one and any still inside its overlap). */
export interface LiveClient {
  grant: ClientGrant;
  secretHashes: string[];
}

export function scopesOf(row: Pick<MachineClientEntity, 'scopes'>): MachineScope[] {
  return row.scopes.split(' ').filter(isMachineScope);
}

/** Scopes as stored: space-separated, sorted, each once. */
export function storedScopes(scopes: readonly MachineScope[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

/**
 * Persistence of machine clients and their secrets (hashes only). Always given the manager (a transaction's, or the
 * data source's).
 */
@Injectable()
export class MachineClientStore {
  async list(m: EntityManager): Promise<MachineClientDto[]> {
    const rows = await m.find(MachineClientEntity, { order: { name: 'ASC', id: 'ASC' } });
    const secrets = await m.find(ClientSecretEntity, { order: { issuedAt: 'ASC', id: 'ASC' } });
    const byClient = new Map<string, ClientSecretEntity[]>();
    for (const s of secrets) byClient.set(s.clientId, [...(byClient.get(s.clientId) ?? []), s]);
    return rows.map((row) => this.dto(row, byClient.get(row.id) ?? []));
  }

  /** The client with this id, or 404 (an id of another shape is not one). */
  async found(m: EntityManager, id: string): Promise<MachineClientEntity> {
    const row = isMachineClientId(id) ? await m.findOne(MachineClientEntity, { where: { id } }) : null;
    if (!row) throw new NotFoundException('Client not found');
    return row;
  }

  async detail(m: EntityManager, row: MachineClientEntity): Promise<MachineClientDto> {
    const secrets = await m.find(ClientSecretEntity, {
      where: { clientId: row.id },
      order: { issuedAt: 'ASC', id: 'ASC' },
    });
    return this.dto(row, secrets);
  }

  async insert(m: EntityManager, row: MachineClientEntity, secretHash: string): Promise<void> {
    await m.insert(MachineClientEntity, row);
    await this.addSecret(m, row.id, secretHash, row.createdAt);
  }

  async update(
    m: EntityManager,
    id: string,
    fields: Pick<MachineClientEntity, 'name' | 'scopes' | 'importStatus'>,
  ): Promise<void> {
    await m.update(MachineClientEntity, { id }, fields);
  }

  /**
   * A new current secret: expired ones are deleted, the ones still working end at `until` at the latest (the overlap;
   * `until` = `now` ends them at once).
   */
  async rotate(m: EntityManager, id: string, secretHash: string, now: string, until: string): Promise<void> {
    await m.delete(ClientSecretEntity, { clientId: id, expiresAt: LessThanOrEqual(now) });
    await m.update(ClientSecretEntity, { clientId: id, expiresAt: IsNull() }, { expiresAt: until });
    await m.update(ClientSecretEntity, { clientId: id, expiresAt: MoreThan(until) }, { expiresAt: until });
    if (until <= now) await m.delete(ClientSecretEntity, { clientId: id });
    await this.addSecret(m, id, secretHash, now);
  }

  /** Revoked for good: the row stays (the audit log names it), every secret goes. */
  async revoke(m: EntityManager, id: string, at: string): Promise<void> {
    await m.update(MachineClientEntity, { id, revokedAt: IsNull() }, { revokedAt: at });
    await m.delete(ClientSecretEntity, { clientId: id });
  }

  /** A client that is not revoked, with its working secrets' hashes; null for any other id. */
  async live(m: EntityManager, clientId: string, now: string): Promise<LiveClient | null> {
    if (!isMachineClientId(clientId)) return null;
    const row = await m.findOne(MachineClientEntity, { where: { id: clientId, revokedAt: IsNull() } });
    if (!row) return null;
    const secrets = await m.find(ClientSecretEntity, {
      select: { secretHash: true },
      where: [
        { clientId, expiresAt: IsNull() },
        { clientId, expiresAt: MoreThan(now) },
      ],
    });
    return { grant: this.grantOf(row), secretHashes: secrets.map((s) => s.secretHash) };
  }

  async grant(m: EntityManager, clientId: string): Promise<ClientGrant | null> {
    if (!isMachineClientId(clientId)) return null;
    const row = await m.findOne(MachineClientEntity, { where: { id: clientId } });
    return row ? this.grantOf(row) : null;
  }

  /** Every live client's scopes, for the no-escalation rule (a revoked client holds nothing). */
  async grants(m: EntityManager): Promise<Map<string, ReadonlySet<string>>> {
    const rows = await m.find(MachineClientEntity, {
      select: { id: true, scopes: true },
      where: { revokedAt: IsNull() },
    });
    return new Map(rows.map((r) => [r.id, new Set(scopesOf(r))]));
  }

  grantOf(row: MachineClientEntity): ClientGrant {
    return {
      id: row.id,
      name: row.name,
      scopes: scopesOf(row),
      importStatus: row.importStatus === 'pending' ? 'pending' : 'draft',
      revoked: row.revokedAt !== null,
    };
  }

  private async addSecret(m: EntityManager, clientId: string, secretHash: string, issuedAt: string): Promise<void> {
    await m.insert(ClientSecretEntity, { id: randomUUID(), clientId, secretHash, issuedAt, expiresAt: null });
  }

  private dto(row: MachineClientEntity, secrets: readonly ClientSecretEntity[]): MachineClientDto {
    const current = secrets.find((s) => s.expiresAt === null);
    const now = new Date().toISOString();
    const previous = secrets
      .filter((s) => s.expiresAt !== null && s.expiresAt > now)
      .map((s) => s.expiresAt as string)
      .sort()
      .pop();
    const grant = this.grantOf(row);
    return {
      id: row.id,
      name: row.name,
      scopes: grant.scopes,
      importStatus: grant.importStatus,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      secretIssuedAt: current?.issuedAt ?? row.createdAt,
      previousSecretExpiresAt: row.revokedAt === null ? (previous ?? null) : null,
      revokedAt: row.revokedAt,
    };
  }
}
