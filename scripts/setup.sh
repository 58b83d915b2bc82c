#!/usr/bin/env bash
# Installs and builds: npm packages (from the lock file), then compiles. The Debian packages
# the tests drive are scripts/system-packages.sh's business.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "== npm ci" >&2
  npm ci --no-audit --no-fund >&2
fi

echo "== type-check and build" >&2
rm -rf dist
npx tsc -p . >&2
npm run --silent bundle-fast-path >&2
# The oclif tool would otherwise ask the registry whether a newer oclif exists.
OCLIF_SKIP_NEW_VERSION_CHECK=true npx oclif manifest >/dev/null
