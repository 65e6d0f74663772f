const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { RuntimePackageJsonPlugin } = require('../../tools/webpack/runtime-package-json');

/**
 * The SPA server ships as one bundle with its packages inside (Fastify, @fastify/static): it loads nothing from
 * node_modules, so dist/apps/web-server/package.json lists no dependencies and needs no `npm install`. It serves the
 * SPA build named by WEB_ROOT (`npx nx run web:precompress` builds it and writes the brotli and gzip variants next to
 * its files).
 */
module.exports = {
  // Packages that ship source maps without their sources: harmless.
  ignoreWarnings: [/Failed to parse source map/],
  output: {
    path: join(__dirname, '../../dist/apps/web-server'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: true,
      outputHashing: 'none',
      generatePackageJson: false,
      externalDependencies: 'none',
      sourceMap: true,
    }),
    new RuntimePackageJsonPlugin({ projectRoot: 'apps/web-server' }),
  ],
};
