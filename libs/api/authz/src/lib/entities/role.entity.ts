import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'authz_roles' })
export class RoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;
}
