const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { RuntimePackageJsonPlugin } = require('../../tools/webpack/runtime-package-json');

/**
 * The API ships as one bundle with its packages inside: a cold start no longer resolves and reads a thousand files
 * from node_modules (about a quarter of the time to the first answer). What stays outside is loaded at run time:
 * the native SQLite driver, swagger-ui's static files, and optional packages that libraries look for but this app
 * does not use (they are never installed; the libraries go without them).
 */
const RUNTIME = ['better-sqlite3', 'swagger-ui-dist/absolute-path.js'];
const OPTIONAL_ABSENT = [
  // NestJS
  '@nestjs/microservices',
  '@nestjs/microservices/microservices-module',
  '@nestjs/websockets',
  '@nestjs/websockets/socket-module',
  '@nestjs/platform-express',
  'class-transformer/storage',
  '@fastify/view',
  'point-of-view',
  '@mikro-orm/core',
  '@nestjs/sequelize',
  '@nestjs/mongoose',
  // TypeORM drivers and their helpers (only better-sqlite3 and pg are used)
  'pg-native',
  'pg-query-stream',
  'mysql',
  'mysql2',
  'oracledb',
  'mssql',
  'sql.js',
  'sqlite3',
  'mongodb',
  'redis',
  'ioredis',
  '@sap/hana-client',
  '@sap/hana-client/extension/Stream',
  'hdb-pool',
  'react-native-sqlite-storage',
  'typeorm-aurora-data-api-driver',
  '@google-cloud/spanner',
];

module.exports = {
  // Expected, and harmless here: packages that ship no sources for their source maps, and the libraries' optional
  // lookups by computed name (the optional packages above, TypeORM's ormconfig and glob loading, which this app does
  // not use: it hands TypeORM its entities, migrations and drivers).
  ignoreWarnings: [/Failed to parse source map/, /Critical dependency: the request of a dependency is an expression/],
  output: {
    path: join(__dirname, '../../dist/apps/api'),
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
      // Minified (ASCII only, class names kept for DI, OpenAPI and TypeORM): the source V8 keeps in memory is a third.
      // API_BUNDLE_MINIFY=false builds readable code, for CPU profiles.
      optimization: process.env.API_BUNDLE_MINIFY !== 'false',
      outputHashing: 'none',
      // dist/apps/api/package.json lists what main.js loads (RUNTIME), not the packages bundled inside it.
      generatePackageJson: false,
      sourceMap: true,
      externalDependencies: [...RUNTIME, ...OPTIONAL_ABSENT],
    }),
    new RuntimePackageJsonPlugin({ projectRoot: 'apps/api', optionalAbsent: OPTIONAL_ABSENT }),
  ],
};
