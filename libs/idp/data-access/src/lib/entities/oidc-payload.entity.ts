import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from './columns';

/** One row per oidc-provider model instance (Session, Grant, RefreshToken, Interaction, ...). */
@Entity({ name: 'idp_oidc_payload' })
@Index('idx_idp_oidc_payload_grant', ['grantId'])
@Index('idx_idp_oidc_payload_uid', ['uid'], { where: 'uid IS NOT NULL' })
@Index('idx_idp_oidc_payload_user_code', ['userCode'], { where: 'user_code IS NOT NULL' })
@Index('idx_idp_oidc_payload_expires', ['expiresAt'])
export class OidcPayloadEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  model!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 255, nullable: true })
  grantId!: string | null;

  @Column({ name: 'user_code', type: 'varchar', length: 255, nullable: true })
  userCode!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  uid!: string | null;

  @Column({ name: 'consumed_at', type: 'bigint', nullable: true, transformer: epochMs })
  consumedAt!: number | null;

  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: epochMs })
  expiresAt!: number | null;
}
