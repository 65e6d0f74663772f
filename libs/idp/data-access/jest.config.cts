module.exports = {
  displayName: 'idp-data-access',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // scrypt and real sockets: generous under a loaded CI machine.
  testTimeout: 30000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/idp/data-access',
};
