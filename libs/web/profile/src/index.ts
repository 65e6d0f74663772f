export * from './lib/profile-page';
export * from './lib/forbidden-page';
