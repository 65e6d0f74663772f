export * from './lib/principal';
export * from './lib/audit';
export * from './lib/cursor';
export * from './lib/http-exception.filter';
export * from './lib/auth-challenge.exception';
export * from './lib/secret-matches';
export * from './lib/serialized-json';
export * from './lib/date.validators';
