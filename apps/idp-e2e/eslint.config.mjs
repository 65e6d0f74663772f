import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Tests assert a value's presence with expect() and then use it.
    files: ['**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
