#!/usr/bin/env bash
# The Debian packages the tests drive, installed when missing (as root, with apt-get). Says
# what it will install before it does; --dry-run only lists each package and whether it is here.
#   scripts/system-packages.sh [--dry-run]
set -euo pipefail

dry_run=false
case "${1:-}" in
  '') ;;
  --dry-run) dry_run=true ;;
  *) echo "usage: scripts/system-packages.sh [--dry-run]" >&2; exit 2 ;;
esac

# package | the command that shows it is installed | what needs it
packages=(
  "chromium|command -v chromium|the browser fallback and its tests"
  "chromium-driver|command -v chromedriver|the browser fallback (Selenium drives Chromium through it)"
  "gnome-keyring|command -v gnome-keyring-daemon|the tests with a real Secret Service"
  "dbus|command -v dbus-run-session|a private D-Bus session for gnome-keyring"
  "awscli|test -x /usr/bin/aws|the AWS CLI v2 tests"
  "strace|command -v strace|the crash test, which holds a rename with it"
  "zsh|command -v zsh|tests that run what awssso prints in zsh"
  "fish|command -v fish|tests that run what awssso prints in fish"
  "libsecret-tools|command -v secret-tool|tests that write keyring entries as the Python awssso did"
)

missing=()
for entry in "${packages[@]}"; do
  IFS='|' read -r name probe why <<<"$entry"
  if bash -c "$probe" >/dev/null 2>&1; then state=present; else state=missing; missing+=("$name"); fi
  $dry_run && printf '%-16s %-8s %s\n' "$name" "$state" "$why"
done

$dry_run && exit 0
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "== installing Debian packages with apt-get: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >&2
