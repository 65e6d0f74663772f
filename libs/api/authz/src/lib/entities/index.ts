export * from './permission.entity';
export * from './role.entity';
export * from './group.entity';
export * from './user.entity';
export * from './assignment.entities';
export * from './audit-entry.entity';
export * from './machine-client.entity';
