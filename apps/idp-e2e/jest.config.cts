// Starts the real provider in-process; needs node --experimental-vm-modules (oidc-provider is ESM-only).
module.exports = {
  displayName: 'idp-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 30000,
  // The workspace preset transpiles jose to CommonJS for other projects; oidc-provider imports it as ESM, so leave
  // every node_module untouched here.
  transformIgnorePatterns: ['/node_modules/'],
};
