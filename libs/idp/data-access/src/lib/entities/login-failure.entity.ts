import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from './columns';

/** One failed sign-in, counted against a throttle key (an account's email, a client address). */
@Entity({ name: 'idp_login_failure' })
@Index('idx_idp_login_failure_key_at', ['key', 'at'])
export class LoginFailureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 400 })
  key!: string;

  @Column({ type: 'bigint', transformer: epochMs })
  at!: number;
}
