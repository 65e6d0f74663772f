const nxPreset = require('@nx/jest/preset').default;

// Dependencies that ship only ES modules (jose via jwks-rsa and oidc-provider, content-disposition via
// @fastify/static); Jest's CommonJS runtime needs them transpiled.
const esmOnly = ['jose', 'content-disposition'].join('|');

module.exports = {
  ...nxPreset,
  transform: {
    [`node_modules[\\\\/](.*node_modules[\\\\/])?(${esmOnly})[\\\\/].+\\.js$`]: [
      'ts-jest',
      {
        tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', esModuleInterop: true },
        isolatedModules: true,
      },
    ],
  },
  transformIgnorePatterns: [`node_modules[\\\\/](?!(.*node_modules[\\\\/])?(${esmOnly})[\\\\/])`],
};
