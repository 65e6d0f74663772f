export * from './lib/content-security-policy';
export * from './lib/create-web-host';
export * from './lib/spa-index';
export * from './lib/web-host-config';
export * from './lib/locale-choice';
