import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type ClientPolicyRequest,
  type ClientPolicyResponse,
  type CreateMachineClientRequest,
  type IssuedClientSecretDto,
  type MachineClientDto,
  type RotateClientSecretRequest,
  type UpdateMachineClientRequest,
} from '@timesheets/contracts';
import { principalLabel, type Principal } from '@timesheets/api-core';
import { AUTHZ_OPTIONS, type AuthzOptions } from '../authz.options';
import type { MachineClientEntity } from '../entities';
import { clientSecretHash, clientSecretMatches, newClientId, newClientSecret } from '../model/client-secrets';
import { AuthzChanges } from './authz-changes';
import { MachineClientStore, storedScopes } from './machine-client.store';

const REVOKED = 'The client is revoked; register a new one';

/**
 * Machine clients: registered, changed, given a new secret and revoked by admins, each change through
 * `AuthzChanges.run` (a client's scopes are grants, so the no-escalation rule measures them), and authenticated for
 * the OpenID Provider at every client-credentials token request.
 */
@Injectable()
export class MachineClientsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AUTHZ_OPTIONS) private readonly options: AuthzOptions,
    private readonly store: MachineClientStore,
    private readonly changes: AuthzChanges,
  ) {}

  list(): Promise<MachineClientDto[]> {
    return this.store.list(this.db.manager);
  }

  async get(id: string): Promise<MachineClientDto> {
    return this.store.detail(this.db.manager, await this.store.found(this.db.manager, id));
  }

  create(actor: Principal, dto: CreateMachineClientRequest): Promise<IssuedClientSecretDto> {
    return this.changes.run(
      actor,
      async ({ m, audit }) => {
        const row: MachineClientEntity = {
          id: newClientId(),
          name: dto.name,
          scopes: storedScopes(dto.scopes),
          importStatus: dto.importStatus ?? 'draft',
          createdAt: new Date().toISOString(),
          createdBy: principalLabel(actor),
          revokedAt: null,
        };
        const clientSecret = newClientSecret();
        await this.store.insert(m, row, clientSecretHash(clientSecret));
        const client = await this.store.detail(m, row);
        audit({ action: 'client.create', targetType: 'client', targetId: row.id, after: client });
        return { client, clientSecret };
      },
      { lockout: false },
    );
  }

  update(actor: Principal, id: string, dto: UpdateMachineClientRequest): Promise<MachineClientDto> {
    return this.changes.run(
      actor,
      async ({ m, audit }) => {
        const row = await this.store.found(m, id);
        if (row.revokedAt !== null) throw new ConflictException(REVOKED);
        const before = await this.store.detail(m, row);
        if (dto.name !== undefined) row.name = dto.name;
        if (dto.scopes !== undefined) row.scopes = storedScopes(dto.scopes);
        if (dto.importStatus !== undefined) row.importStatus = dto.importStatus;
        await this.store.update(m, id, { name: row.name, scopes: row.scopes, importStatus: row.importStatus });
        const after = await this.store.detail(m, row);
        if (JSON.stringify(before) !== JSON.stringify(after))
          audit({ action: 'client.update', targetType: 'client', targetId: id, before, after });
        return after;
      },
      { lockout: false },
    );
  }

  /**
   * A new secret; the one in use keeps working for `overlapSeconds` (default CLIENT_SECRET_OVERLAP_SECONDS), so the
   * client's configuration can be changed without an outage. Older secrets still in an overlap end no later than it.
   */
  rotate(actor: Principal, id: string, dto: RotateClientSecretRequest): Promise<IssuedClientSecretDto> {
    return this.changes.run(
      actor,
      async ({ m, audit }) => {
        const row = await this.store.found(m, id);
        if (row.revokedAt !== null) throw new ConflictException(REVOKED);
        const now = new Date();
        const overlap = dto.overlapSeconds ?? this.options.clientSecretOverlapSeconds;
        const until = new Date(now.getTime() + overlap * 1000).toISOString();
        const clientSecret = newClientSecret();
        await this.store.rotate(m, id, clientSecretHash(clientSecret), now.toISOString(), until);
        const client = await this.store.detail(m, row);
        audit({
          action: 'client.secret.rotate',
          targetType: 'client',
          targetId: id,
          after: { previousSecretExpiresAt: client.previousSecretExpiresAt },
        });
        return { client, clientSecret };
      },
      { lockout: false },
    );
  }

  /** Revoked for good: every secret is deleted, the next token request fails and the API refuses its tokens. */
  revoke(actor: Principal, id: string): Promise<MachineClientDto> {
    return this.changes.run(
      actor,
      async ({ m, audit }) => {
        const row = await this.store.found(m, id);
        if (row.revokedAt !== null) return this.store.detail(m, row);
        row.revokedAt = new Date().toISOString();
        await this.store.revoke(m, id, row.revokedAt);
        const after = await this.store.detail(m, row);
        audit({ action: 'client.revoke', targetType: 'client', targetId: id, after });
        return after;
      },
      { lockout: false },
    );
  }

  /**
   * The provider's question at a token request: is this the client, and what may it be granted? Unknown, revoked and
   * wrongly authenticated clients get the same `{ active: false }`; a secret is compared with every working hash.
   */
  async authenticate(request: ClientPolicyRequest): Promise<ClientPolicyResponse> {
    const client = await this.store.live(this.db.manager, request.clientId, new Date().toISOString());
    if (!clientSecretMatches(request.clientSecret, client?.secretHashes ?? [])) return { active: false };
    if (!client || client.grant.scopes.length === 0) return { active: false };
    const { id, name, scopes } = client.grant;
    return { active: true, clientId: id, name, scopes };
  }
}
