export * from './lib/entities/account.entity';
export * from './lib/entities/oidc-payload.entity';
export * from './lib/entities/signing-key.entity';
export * from './lib/password';
export * from './lib/accounts.store';
export * from './lib/oidc-adapter';
export * from './lib/signing-keys';
export * from './lib/data-source';
