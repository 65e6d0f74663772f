import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './columns';

/** A person who can sign in at the provider. `id` is the stable `sub` claim. */
@Entity({ name: 'idp_account' })
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Always stored lowercase; unique. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** `scrypt$N$r$p$salt$hash` (base64url parts). */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  /** The owner has been shown to control `email` (an administrator vouched for it); sent to the API's policy. */
  @Column({ name: 'email_verified', type: 'boolean', default: false })
  emailVerified!: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
