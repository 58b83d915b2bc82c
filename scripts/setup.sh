#!/usr/bin/env bash
# Installs and builds: npm packages (from the lock file), optionally the Debian packages the
# tests drive (Chromium, chromedriver, gnome-keyring, D-Bus, AWS CLI v2, strace, secret-tool), then compiles.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--with-system-packages" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
  command -v dbus-run-session >/dev/null || missing+=(dbus)
  [ -x /usr/bin/aws ] || missing+=(awscli)
  command -v strace >/dev/null || missing+=(strace) # the crash test holds a rename with it
  command -v secret-tool >/dev/null || missing+=(libsecret-tools) # writes keyring entries as the Python awssso did
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "missing Debian packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})" >&2
      exit 1
    fi
    echo "== installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >&2
  fi
fi

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
