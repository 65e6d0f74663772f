const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');
const { readFileSync, writeFileSync, existsSync } = require('fs');

const outputPath = join(__dirname, '../../dist/apps/web-server');

/**
 * Everything is in the bundle (Fastify and @fastify/static included), so the dist package.json needs no
 * dependencies: Nx lists every package the imported libs name (server-core's database drivers among them), which this
 * server never loads.
 */
class BundledPackageJsonPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('BundledPackageJsonPlugin', () => {
      const file = join(outputPath, 'package.json');
      if (!existsSync(file)) return;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      pkg.dependencies = {};
      writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
    });
  }
}

/**
 * The SPA server ships as one bundle: `npm start` in dist/apps/web-server needs no `npm install`. It serves the SPA
 * build named by WEB_ROOT (`npx nx run web:precompress` builds it and writes the brotli and gzip variants next to its
 * files).
 */
module.exports = {
  // Packages that ship source maps without their sources: harmless.
  ignoreWarnings: [/Failed to parse source map/],
  output: {
    path: outputPath,
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  module: {
    // The workspace libs are side-effect free modules: what the server does not use (server-core's database code and
    // its drivers) is left out of the bundle entirely rather than loaded at start.
    rules: [{ test: /[\\/]libs[\\/].*\.ts$/, sideEffects: false }],
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: true,
      outputHashing: 'none',
      generatePackageJson: true,
      externalDependencies: 'none',
      sourceMap: true,
    }),
    new BundledPackageJsonPlugin(),
  ],
};
