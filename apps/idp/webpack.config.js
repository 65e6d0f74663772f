const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { readFileSync, writeFileSync, existsSync } = require('fs');

const outputPath = join(__dirname, '../../dist/apps/idp');

/**
 * Nx's generated package.json only lists statically imported packages. oidc-provider is loaded with a dynamic
 * import (it is ESM-only) and TypeORM loads the database drivers itself, so add them with the workspace versions.
 */
class AddRuntimeDependenciesPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('AddRuntimeDependenciesPlugin', () => {
      const file = join(outputPath, 'package.json');
      if (!existsSync(file)) return;
      const root = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      pkg.dependencies = pkg.dependencies || {};
      // tslib: the emitted helpers (importHelpers) are required at run time too.
      for (const name of ['oidc-provider', 'better-sqlite3', 'pg', 'typeorm', 'reflect-metadata', 'tslib']) {
        pkg.dependencies[name] = root.dependencies[name] ?? root.devDependencies[name];
      }
      writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
    });
  }
}

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
      generatePackageJson: true,
      sourceMap: true,
    }),
    new AddRuntimeDependenciesPlugin(),
  ],
};
