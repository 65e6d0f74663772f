import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A group; a member of a child group is a member of every ancestor (parent chain). */
@Entity({ name: 'authz_groups' })
export class GroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;
}
