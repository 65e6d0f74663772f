export * from './lib/authz.module';
export * from './lib/authz.options';
export * from './lib/services/authz-scopes.resolver';
export * from './lib/services/db-audit.recorder';
export * from './lib/model/authz-model';
