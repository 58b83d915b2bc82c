#!/usr/bin/env bash
# `npm run demo`: the main job end to end against the bundled emulator, in a throw-away HOME.
# Installs and builds, starts the emulator, configures a profile for its demo user without a
# prompt, signs in over HTTP, prints the credentials and how long each call took.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh

work=$(mktemp -d)
emulator_pid=
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

node dist/test/emulator/cli.js --port 0 >"$work/emulator.json" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 100); do [ -s "$work/emulator.json" ] && break; sleep 0.1; done
[ -s "$work/emulator.json" ] || { echo "the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }
field() { node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0])[process.argv[2]]))' "$work/emulator.json" "$1"; }
url=$(field url); start_url=$(field startUrl); region=$(field region)

export HOME="$work/home" AWSSSO_CONFIG_DIR="$work/home/.awssso"
export AWS_ENDPOINT_URL_SSO="$url" AWS_ENDPOINT_URL_SSO_OIDC="$url" AWSSSO_FEDERATION_ENDPOINT="$url/federation"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_DEFAULT_REGION AWSSSO_REGION DBUS_SESSION_BUS_ADDRESS
mkdir -p "$HOME"
awssso() { node "$root/bin/run.cjs" "$@"; }
ms() { date +%s%3N; }

echo "== emulator at $url (demo user demo@example.com, TOTP MFA)" >&2
echo "== awssso configure -p demo (non-interactive: flags, and the secrets from the environment)" >&2
AWSSSO_PASSWORD='Demo-Passw0rd!' AWSSSO_TOTP_SEED='JBSWY3DPEHPK3PXP' \
  awssso configure -p demo --url "$start_url" --region "$region" --username demo@example.com \
  --account-id 111122223333 --role-name ReadOnlyAccess --no-spinner

echo "== awssso login -p demo --json -f   (a new sign-in over HTTP, then GetRoleCredentials)" >&2
t0=$(ms); awssso login -p demo --json -f; t1=$(ms)
echo "== awssso login -p demo --json      (answered from the cache)" >&2
awssso login -p demo --json >/dev/null; t2=$(ms)
echo "== timings: sign-in and credentials $((t1 - t0)) ms; cached call $((t2 - t1)) ms" >&2
