export * from './lib/runtime-config';
export * from './lib/auth.service';
export * from './lib/oidc-config';
export * from './lib/granted-scopes';
export * from './lib/scope.guard';
export * from './lib/auth.interceptors';
export * from './lib/has-scope.directive';
export * from './lib/provide-auth';
