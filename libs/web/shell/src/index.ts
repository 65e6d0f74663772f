export * from './lib/layout';
export * from './lib/landing-page';
export * from './lib/home.guard';
