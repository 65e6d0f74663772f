// Starts the real provider in-process; needs node --experimental-vm-modules (oidc-provider is ESM-only), which the
// e2e target passes. The workspace preset transpiles jose to CommonJS for other projects; oidc-provider imports it as
// an ES module, so every node_module is left untouched here. (That is also why the API runs as a child process in
// with-api.e2e-spec.ts: its jwks-rsa requires jose from CommonJS, which Jest refuses in ESM mode.)
module.exports = {
  displayName: 'idp-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['/node_modules/'],
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // Every sign-in and every account created costs a scrypt N=2^17 hash (~0.4 s of CPU, 128 MiB); a test that signs in
  // or fails twenty times takes tens of seconds on a busy two-core machine.
  testTimeout: 90000,
  setupFiles: ['<rootDir>/src/support/quiet-runtime-warning.ts'],
};
