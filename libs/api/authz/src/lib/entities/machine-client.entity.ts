import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A machine client (client-credentials grant). `id` is its OAuth client_id (`mc_…`); `scopes` the machine scopes it
 * may be granted, space-separated; `revokedAt` set once revoked (rows are kept: the audit log names them).
 */
@Entity({ name: 'authz_machine_clients' })
export class MachineClientEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500 })
  scopes!: string;

  @Column({ name: 'import_status', type: 'varchar', length: 16 })
  importStatus!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 320, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}

/**
 * One secret of a client: its SHA-256 (hex), never the secret. The current secret has no `expiresAt`; a rotation gives
 * the one it replaces an expiry (the overlap) and adds a new row.
 */
@Entity({ name: 'authz_client_secrets' })
@Index('idx_authz_client_secrets_client', ['clientId'])
export class ClientSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 36 })
  clientId!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ name: 'issued_at', type: 'varchar', length: 32 })
  issuedAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 32, nullable: true })
  expiresAt!: string | null;
}
