import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from './columns';

/**
 * One sign-in attempt counted against a throttle key (an account's email, a client address): a failed one, or one
 * whose password is being checked right now (reserved before the check; removed again if it succeeds).
 */
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
