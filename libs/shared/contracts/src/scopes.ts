/**
 * Secondary entry point, `@timesheets/contracts/scopes`: what the SPA's initial chunk needs (scopes, how a token
 * carries them, the run-time configuration's type). esbuild bundles whole files: every file the initial code reaches through the main entry point
 * would join the initial chunk with whatever the lazy pages use of it (validation messages, the week's rules, …).
 */
export * from './lib/scopes';
export * from './lib/token-claims';
export * from './lib/sign-in-errors';
export type { WebRuntimeConfig } from './lib/config';
