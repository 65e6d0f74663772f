export * from './lib/admin.routes';
export * from './lib/group-tree';
