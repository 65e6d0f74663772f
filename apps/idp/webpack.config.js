const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { RuntimePackageJsonPlugin } = require('../../tools/webpack/runtime-package-json');

const outputPath = join(__dirname, '../../dist/apps/idp');

module.exports = {
  output: {
    path: outputPath,
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
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      // Every package stays in node_modules; dist/apps/idp/package.json lists the ones main.js loads.
      generatePackageJson: false,
      sourceMap: true,
    }),
    new RuntimePackageJsonPlugin({
      projectRoot: 'apps/idp',
      loadedByName: {
        'oidc-provider': 'ESM-only, imported through new Function (load-oidc-provider.ts)',
        '@nestjs/platform-express': "NestFactory's default HTTP adapter, loaded by @nestjs/core",
        'better-sqlite3': 'the SQLite driver, loaded by TypeORM',
        pg: 'the PostgreSQL driver, loaded by TypeORM',
      },
    }),
  ],
};
