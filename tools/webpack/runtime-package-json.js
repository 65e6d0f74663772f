// @ts-check
const { existsSync, readFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');
const { join } = require('node:path');
const { detectPackageManager, readCachedProjectGraph, serializeJson } = require('@nx/devkit');
const { generatePrunedDeployOutput } = require('@nx/js');

const WORKSPACE = join(__dirname, '../..');
const PLUGIN = 'RuntimePackageJsonPlugin';

/** `@scope/name/sub/path.js` -> `@scope/name`; `name/sub` -> `name`. */
function packageOf(request) {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The requests an external module stands for (webpack keeps a string, an array, or one per external type). */
function requestsOf(module) {
  const { request } = module;
  if (typeof request === 'string') return [request];
  if (Array.isArray(request)) return [request[0]];
  return Object.values(request ?? {}).map((r) => (Array.isArray(r) ? r[0] : r));
}

function installedVersion(name) {
  const file = join(WORKSPACE, 'node_modules', name, 'package.json');
  if (!existsSync(file)) throw new Error(`${PLUGIN}: ${name} is loaded at run time but is not installed`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/**
 * Writes the built app's package.json and package-lock.json with exactly the packages its main.js loads at run time:
 * the externals webpack left as require()/import() in the bundle, plus those loaded by name in ways the bundler
 * cannot see (`loadedByName`, each with its reason), each at the version installed in the workspace. Nx's own
 * generatePackageJson lists every package the project's sources import, bundled or not; this replaces it. The
 * lockfile is Nx's, pruned from the workspace's to these packages (and what they depend on).
 *
 * @param {object} options
 * @param {string} options.projectRoot Its folder relative to the workspace, whose package.json gives the other fields.
 * @param {Record<string, string>} [options.loadedByName] Package -> why it is loaded without a visible import.
 * @param {string[]} [options.optionalAbsent] Externals that libraries try to load and do without (never installed).
 */
class RuntimePackageJsonPlugin {
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { sources, Compilation, ExternalModule } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const { projectRoot, loadedByName = {}, optionalAbsent = [] } = this.options;
        const absent = new Set(optionalAbsent.map(packageOf));
        const names = new Set(Object.keys(loadedByName));
        for (const module of compilation.modules) {
          if (!(module instanceof ExternalModule)) continue;
          for (const request of requestsOf(module)) {
            const name = packageOf(request.replace(/^node:/, ''));
            if (!isBuiltin(request) && !absent.has(name)) names.add(name);
          }
        }
        const dependencies = Object.fromEntries([...names].sort().map((name) => [name, installedVersion(name)]));

        const base = JSON.parse(readFileSync(join(WORKSPACE, projectRoot, 'package.json'), 'utf8'));
        const packageJson = { ...base, main: 'main.js', dependencies };
        const installed = new Set();
        generatePrunedDeployOutput(packageJson, readCachedProjectGraph(), projectRoot, {
          emit: (path, content) => {
            if (path === 'package-lock.json')
              for (const key of Object.keys(JSON.parse(String(content)).packages ?? {}))
                installed.add(key.replace(/^.*node_modules\//, ''));
            compilation.emitAsset(path, new sources.RawSource(content));
          },
          packageManager: detectPackageManager(WORKSPACE),
          workspaceRoot: WORKSPACE,
        });
        // npm asks the installing package which install scripts may run (better-sqlite3 compiles itself).
        const root = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8'));
        const allowScripts = Object.entries(root.allowScripts ?? {}).filter(([name]) => installed.has(name));
        if (allowScripts.length > 0) packageJson.allowScripts = Object.fromEntries(allowScripts);
        compilation.emitAsset('package.json', new sources.RawSource(serializeJson(packageJson)));
      });
    });
  }
}

module.exports = { RuntimePackageJsonPlugin };
