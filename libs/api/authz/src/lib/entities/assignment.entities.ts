import { Entity, PrimaryColumn } from 'typeorm';

/** Join tables: composite primary keys; rows go away with either side (ON DELETE CASCADE). */
@Entity({ name: 'authz_role_permissions' })
export class RolePermissionEntity {
  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 36 })
  roleId!: string;

  @PrimaryColumn({ name: 'permission_id', type: 'varchar', length: 36 })
  permissionId!: string;
}

@Entity({ name: 'authz_group_roles' })
export class GroupRoleEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;

  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 36 })
  roleId!: string;
}

@Entity({ name: 'authz_user_roles' })
export class UserRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 36 })
  roleId!: string;
}

@Entity({ name: 'authz_user_groups' })
export class UserGroupEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;
}

/** A group's managers: they approve the timesheets of the group's members (through nesting too), except their own. */
@Entity({ name: 'authz_group_managers' })
export class GroupManagerEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;
}
