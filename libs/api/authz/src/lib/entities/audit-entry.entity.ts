import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One recorded change. `before`/`after` are JSON text; `at` an ISO-8601 UTC string (sorts the same everywhere). */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_at', ['at', 'id'])
@Index('idx_audit_log_target', ['targetType', 'targetId', 'at'])
@Index('idx_audit_log_actor', ['actorId', 'at'])
@Index('idx_audit_log_action', ['action', 'at'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 255, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 320, nullable: true })
  actorName!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 255, nullable: true })
  targetId!: string | null;

  @Column({ type: 'text', nullable: true })
  before!: string | null;

  @Column({ type: 'text', nullable: true })
  after!: string | null;
}
