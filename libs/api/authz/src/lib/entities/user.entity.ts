import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person known to the authorization service. `issuer` and `subject` stay null for a user pre-provisioned by email
 * until that email first signs in (policy call). Emails are stored lower-case.
 */
@Entity({ name: 'authz_users' })
@Index('uq_authz_users_identity', ['issuer', 'subject'], { unique: true })
@Index('uq_authz_users_email', ['email'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  issuer!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  @Column({ name: 'last_login_at', type: 'varchar', length: 32, nullable: true })
  lastLoginAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
