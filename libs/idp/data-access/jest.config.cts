module.exports = {
  displayName: 'idp-data-access',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // scrypt at N=2^17 (~0.4 s of CPU and 128 MiB per hash; the account tests make about ten) and real databases:
  // generous under a loaded CI machine.
  testTimeout: 90000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/idp/data-access',
};
