export * from './lib/idp-config';
export * from './lib/create-idp-app';
export * from './lib/create-oidc-provider';
export * from './lib/policy-client';
export * from './lib/login-throttle';
export * from './lib/scopes';
export * from './lib/oidc-types';
export { IdpModule } from './lib/idp.module';
export type { IdpRuntime } from './lib/idp-runtime';
