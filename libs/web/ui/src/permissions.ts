// Entry point for the initial chunk (the frame's notice after a permission was withdrawn): permissions in words.
export * from './lib/scope-labels';
