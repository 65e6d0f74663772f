export * from './lib/api-config';
export * from './lib/api.module';
export * from './lib/create-api';
export * from './lib/event-log';
