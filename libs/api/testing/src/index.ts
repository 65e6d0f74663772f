export * from './lib/test-issuer';
export * from './lib/databases';
export * from './lib/test-api';
export * from './lib/http';
