/**
 * Secondary entry point, `@timesheets/contracts/scopes`: what the SPA's initial chunk needs (scopes, the run-time
 * configuration's type). esbuild bundles whole files: every file the initial code reaches through the main entry point
 * would join the initial chunk with whatever the lazy pages use of it (validation messages, the week's rules, …).
 */
export * from './lib/scopes';
export type { WebRuntimeConfig } from './lib/config';
