#!/usr/bin/env bash
# The one test command (`npm test`): installs what the tests need on a Debian machine,
# type-checks the whole tree in strict mode, builds, runs every test file, then the end-to-end
# and AWS-client tests and the fast-path benchmark again on Node 22 and 24.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-packages.sh
bash scripts/setup.sh

echo "== running tests" >&2
mapfile -t files < <(find dist/test -name '*.test.js' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test files found under dist/test" >&2
  exit 1
fi
# One file at a time: the end-to-end files each start servers and browsers, and the
# machine has two cores.
node --test --test-concurrency=1 --test-timeout=300000 "${files[@]}"

echo "== the same end to end on the other Node versions people run" >&2
bash scripts/other-nodes.sh
